/**
 * Distances on the WGS84 ellipsoid. Vincenty's inverse solution is the exact answer (good to well under
 * a millimetre); the spherical haversine is a cheap bracket around it for filtering.
 */

const A = 6378137;
const F = 1 / 298.257223563;
const B = (1 - F) * A;
const RAD = Math.PI / 180;

/** Mean Earth radius (IUGG), the sphere the haversine bracket is measured on. */
export const MEAN_RADIUS_M = 6371008.8;

/**
 * Ellipsoidal distance / spherical distance stays within [0.9944, 1.0045] (the extreme radii of
 * curvature over the mean radius); 1 % on either side leaves room for rounding.
 */
export const SPHERE_SLACK = 0.01;

/** Central angle in radians between two points on the sphere (haversine). */
export function centralAngle(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const h = haversineTerm(lon1, lat1, lon2, lat2);
  return 2 * Math.asin(Math.sqrt(h > 1 ? 1 : h));
}

function haversineTerm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const sLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sLon = Math.sin(((lon2 - lon1) * RAD) / 2);
  return sLat * sLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sLon * sLon;
}

/** Spherical distance in metres on the mean-radius sphere. */
export const sphericalDistanceM = (lon1: number, lat1: number, lon2: number, lat2: number): number =>
  MEAN_RADIUS_M * centralAngle(lon1, lat1, lon2, lat2);

/**
 * Geodesic distance in metres on WGS84 by Vincenty's inverse formula. Returns NaN when the iteration
 * does not converge, which happens only for nearly antipodal points (over ~19,900 km apart).
 */
export function geodesicDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return geodesicFrom(lon1, lat1)(lon2, lat2);
}

/**
 * {@link geodesicDistanceM} from a fixed first point, with that point's terms worked out once: a
 * circle measures many points from its centre.
 */
export function geodesicFrom(lon1: number, lat1: number): (lon2: number, lat2: number) => number {
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * RAD));
  const sinU1 = Math.sin(U1);
  const cosU1 = Math.cos(U1);
  return (lon2, lat2) => {
    let L = (lon2 - lon1) * RAD;
    if (L > Math.PI) L -= 2 * Math.PI;
    else if (L < -Math.PI) L += 2 * Math.PI;
    const U2 = Math.atan((1 - F) * Math.tan(lat2 * RAD));
    return iterate(L, sinU1, cosU1, Math.sin(U2), Math.cos(U2));
  };
}

function iterate(L: number, sinU1: number, cosU1: number, sinU2: number, cosU2: number): number {
  let lambda = L;
  for (let i = 0; i < 200; i++) {
    const sinL = Math.sin(lambda);
    const cosL = Math.cos(lambda);
    const t = cosU1 * sinU2 - sinU1 * cosU2 * cosL;
    const sinSigma = Math.sqrt(cosU2 * sinL * (cosU2 * sinL) + t * t);
    if (sinSigma === 0) return 0;
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    const cos2Alpha = 1 - sinAlpha * sinAlpha;
    // On the equator cos²α is 0 and the term below is defined as 0.
    const cos2SigmaM = cos2Alpha !== 0 ? cosSigma - (2 * sinU1 * sinU2) / cos2Alpha : 0;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const previous = lambda;
    lambda =
      L +
      (1 - C) *
        F *
        sinAlpha *
        (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - previous) < 1e-12) {
      return finish(cos2Alpha, sinSigma, cosSigma, sigma, cos2SigmaM);
    }
  }
  return NaN;
}

function finish(cos2Alpha: number, sinSigma: number, cosSigma: number, sigma: number, c2sm: number): number {
  const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
  const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const deltaSigma =
    bigB *
    sinSigma *
    (c2sm +
      (bigB / 4) *
        (cosSigma * (-1 + 2 * c2sm * c2sm) -
          (bigB / 6) * c2sm * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * c2sm * c2sm)));
  return B * bigA * (sigma - deltaSigma);
}

/**
 * Upper bound, in radians of central angle, on the spherical distance from a box's centre to any point
 * of the box (half-extents in degrees; the box may touch a pole).
 */
export function boxRadius(midLat: number, halfLat: number, halfLon: number, cosLatMax: number): number {
  const sh = Math.sin(Math.min(halfLat * RAD, Math.PI / 2) / 2);
  const sw = Math.sin(Math.min(halfLon * RAD, Math.PI) / 2);
  const h = sh * sh + Math.cos(midLat * RAD) * cosLatMax * sw * sw;
  return 2 * Math.asin(Math.sqrt(h > 1 ? 1 : h));
}

/** Largest cos(latitude) over [minLat, maxLat] (1 when the band holds the equator). */
export function maxCosLat(minLat: number, maxLat: number): number {
  if (minLat <= 0 && maxLat >= 0) return 1;
  return Math.cos(Math.min(Math.abs(minLat), Math.abs(maxLat)) * RAD);
}
