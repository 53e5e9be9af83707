import type { AppContext } from '../context.js';

/** The links residents find in their e-mails, on the public site's address. */
const publicLink = (ctx: AppContext, path: string) => `${ctx.config.publicUrl.replace(/\/+$/, '')}${path}`;

export const confirmLink = (ctx: AppContext, lang: string, token: string) =>
  publicLink(ctx, `/${lang}/subscribe/confirm?token=${token}`);
export const manageLink = (ctx: AppContext, lang: string, token: string) =>
  publicLink(ctx, `/${lang}/subscription?token=${token}`);
export const unsubscribeLink = (ctx: AppContext, token: string) =>
  publicLink(ctx, `/unsubscribe?token=${token}`);
