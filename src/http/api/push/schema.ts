import { Type } from '@sinclair/typebox';
import { Nullable } from '../common.schema.js';

/** A browser's PushSubscription as its toJSON() gives it; the service checks the keys. */
const Subscription = Type.Object(
  {
    endpoint: Type.String({ maxLength: 2048, description: "the push service's URL for this browser" }),
    expirationTime: Type.Optional(Nullable(Type.Number())),
    keys: Type.Object({
      p256dh: Type.String({ maxLength: 200, description: 'P-256 public key, base64url' }),
      auth: Type.String({ maxLength: 100, description: '16-byte auth secret, base64url' }),
    }),
  },
  { additionalProperties: true },
);

export const DeviceSubscribeBody = Type.Object({
  subscription: Subscription,
  placeId: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'a city or district of the public site',
  }),
  language: Type.Union([Type.Literal('kk'), Type.Literal('ru'), Type.Literal('en')]),
});

export const DeviceEndpointBody = Type.Object({
  endpoint: Type.String({ minLength: 1, maxLength: 2048 }),
  placeId: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'omit to stop every area' }),
  ),
});

export const DevicePlacesSchema = Type.Object(
  {
    places: Type.Array(Type.Object({ placeId: Nullable(Type.String()), label: Type.String() })),
  },
  { $id: 'DevicePlaces', description: 'The areas a device gets alerts for' },
);

export const PushKeySchema = Type.Object({
  publicKey: Nullable(
    Type.String({
      description: 'VAPID public key (applicationServerKey), base64url; null: push is not set up',
    }),
  ),
});
