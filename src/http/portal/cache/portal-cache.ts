import { nextChange, renderSite, type PortalContent } from '../site/render-site.js';
import { makeResource, type Resource } from './resource.js';

export interface PortalCacheOptions {
  /** The public content's generation: cheap, asked at most once per `checkEveryMs`. */
  generation: () => Promise<number>;
  /** The content itself: read only when the generation moved. */
  load: () => Promise<PortalContent>;
  now: () => Date;
  baseUrl: string;
  /** How stale a page may be after a publication, at most. */
  checkEveryMs?: number;
  /** Notice pages draw their areas over the configured street basemap too. */
  streetMap?: boolean;
}

/**
 * The public site rendered into bytes once per change and served from memory. A request asks the
 * database nothing unless a second has passed since the last look at the generation; the site is
 * rendered again only when the generation moved or a drill started or ended since the last render.
 * Pages whose bytes came out the same keep their ETag, Last-Modified and compressed copies.
 */
export class PortalCache {
  private resources = new Map<string, Resource>();
  private content: PortalContent | null = null;
  private lastCheck = -Infinity;
  private changeAt: number | null = null;
  private inflight: Promise<void> | null = null;
  /** How many times the site was rendered: what tests watch. */
  renders = 0;

  constructor(private readonly options: PortalCacheOptions) {}

  private due(now: number): boolean {
    return (
      this.content === null ||
      now - this.lastCheck >= (this.options.checkEveryMs ?? 1000) ||
      (this.changeAt !== null && now >= this.changeAt)
    );
  }

  /** The resource at `path` once the site is current; undefined when there is none. */
  async get(path: string): Promise<Resource | undefined> {
    if (this.due(this.options.now().getTime())) await this.refresh();
    return this.resources.get(path);
  }

  /** The resource at `path` without waiting, or undefined when a check is due or there is none. */
  peek(path: string): Resource | undefined {
    return this.due(this.options.now().getTime()) ? undefined : this.resources.get(path);
  }

  /** Every path with its resource, current. */
  async all(): Promise<ReadonlyMap<string, Resource>> {
    await this.refresh();
    return this.resources;
  }

  /** Makes the next request look at the generation: for code in this process that just published. */
  changed(): void {
    this.lastCheck = -Infinity;
  }

  /** Looks at the generation now (once, however many callers) and renders again if needed. */
  refresh(): Promise<void> {
    this.inflight ??= this.check().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async check(): Promise<void> {
    const now = this.options.now();
    this.lastCheck = now.getTime();
    const generation = await this.options.generation();
    if (this.content === null || generation !== this.content.generation) {
      this.content = await this.options.load();
    } else if (this.changeAt === null || now.getTime() < this.changeAt) {
      return;
    }
    this.render(this.content, now);
  }

  private render(content: PortalContent, now: Date): void {
    this.renders++;
    // An alert past its expiry leaves the page at the re-render its expiry scheduled.
    const alerts = content.alerts.filter((a) => !a.expiresAt || Date.parse(a.expiresAt) > now.getTime());
    const files = renderSite({ ...content, alerts }, now, this.options.baseUrl, {
      streetMap: this.options.streetMap === true,
    });
    const next = new Map<string, Resource>();
    for (const [path, file] of files) {
      const fresh = makeResource({
        type: file.type,
        body: file.body,
        modifiedAt: now,
        ...(file.status ? { status: file.status } : {}),
      });
      const old = this.resources.get(path);
      next.set(path, old && old.etag === fresh.etag && old.type === fresh.type ? old : fresh);
    }
    this.resources = next;
    this.changeAt = nextChange(content.notices, now, content.alerts)?.getTime() ?? null;
  }
}
