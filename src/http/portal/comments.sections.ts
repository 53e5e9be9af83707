import type { PublicComment, VoteCounts } from '../../core/comment/comment.js';
import type { PublicNotice } from '../../core/notice/notice.js';
import { approvedComments, voteCounts } from '../../services/comments/public-comments.service.js';
import type { AppContext } from '../../services/context.js';
import { renderComments, renderVote } from './comments.view.js';
import type { PortalLang } from './i18n.js';

/**
 * The vote and comment sections under every notice, read once per change of the public site (an
 * approval and a counted vote bump its generation) and rendered into the cached page. The page is
 * the same for every reader, so the "held" and "thank you" messages are in it, shown by the
 * fragment the form's redirect goes to.
 */
export async function loadNoticeSections(
  ctx: AppContext,
  notices: readonly PublicNotice[],
): Promise<(notice: PublicNotice, lang: PortalLang) => string> {
  const byNotice = new Map<string, { comments: PublicComment[]; counts: VoteCounts }>();
  for (const n of notices)
    byNotice.set(n.id, { comments: await approvedComments(ctx, n.id), counts: await voteCounts(ctx, n.id) });
  return (notice, lang) => {
    const data = byNotice.get(notice.id) ?? { comments: [], counts: { yes: 0, no: 0 } };
    const slug = notice.slug;
    return (
      renderVote(lang, { slug, counts: data.counts }) +
      (notice.kind === 'Cancel'
        ? ''
        : renderComments(lang, { slug, comments: data.comments, timeZone: notice.snapshot.timeZone }))
    );
  };
}
