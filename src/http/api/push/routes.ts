import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../../errors.js';
import type { AppContext } from '../../../services/context.js';
import {
  devicePlaces,
  pushPublicKey,
  subscribeDevice,
  unsubscribeDevice,
} from '../../../services/subscriptions/device.service.js';
import { problems } from '../common.schema.js';
import { DeviceEndpointBody, DevicePlacesSchema, DeviceSubscribeBody, PushKeySchema } from './schema.js';

/** Requests one address may make a minute: a browser makes a few; a flood is refused before the body. */
const PER_MINUTE = 30;

/**
 * Alerts on a device, for the public site's "get alerts on this device" button: the server's push
 * key, subscribe an area, the areas followed, stop. Anonymous: the push subscription is the proof.
 */
export const pushRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(DevicePlacesSchema);
  const tags = ['push'];
  const Places = Type.Ref(DevicePlacesSchema);
  const config = {
    access: 'public',
    rateLimit: {
      max: PER_MINUTE,
      timeWindow: 60_000,
      errorResponseBuilder: () =>
        new AppError('rate_limited', 429, 'Too many requests from your connection; try again in a minute.'),
    },
  } as const;
  const answers = { 429: problems[400], 503: problems[400], ...problems };

  app.get(
    '/push/key',
    {
      config,
      schema: {
        tags,
        summary: "This server's VAPID public key, for PushManager.subscribe",
        response: { 200: PushKeySchema, ...answers },
      },
    },
    async () => ({ publicKey: pushPublicKey(ctx) }),
  );
  app.post(
    '/push/subscriptions',
    {
      config,
      schema: {
        tags,
        summary: 'Get public alerts for an area on this device (web push)',
        description:
          "The browser's push subscription is the contact and its own proof: the device is subscribed at once. " +
          'Asking again for another area adds it; the answer lists every area the device follows.',
        body: DeviceSubscribeBody,
        response: { 200: Places, ...answers },
      },
    },
    async (request) => subscribeDevice(ctx, request.body),
  );
  app.post(
    '/push/places',
    {
      config,
      schema: {
        tags,
        summary: 'The areas this device gets alerts for (an unknown endpoint follows none)',
        body: Type.Object({ endpoint: Type.String({ minLength: 1, maxLength: 2048 }) }),
        response: { 200: Places, ...answers },
      },
    },
    async (request) => devicePlaces(ctx, request.body.endpoint),
  );
  app.post(
    '/push/unsubscribe',
    {
      config,
      schema: {
        tags,
        summary: 'Stop alerts for one area on this device, or for all (the device is then erased)',
        body: DeviceEndpointBody,
        response: { 200: Places, ...answers },
      },
    },
    async (request) => unsubscribeDevice(ctx, request.body),
  );
};
