import type { Session } from './fetchApi.js';

/** What every view gets: who is signed in, the chosen app and range, a place for messages. */
export interface Ctx {
  session: Session;
  app: string;
  /** Guards the app reported in the last day, plus those with a mode set. */
  guards: string[];
  /** The chosen range, re-read on every refresh (a live range moves with the clock). */
  range(): { from: number; to: number; live: boolean };
  say(text: string, kind?: 'ok' | 'error'): void;
  /** Re-reads the current view now (after a change). */
  refresh(): void;
}

export interface View {
  el: HTMLElement;
  refresh(): Promise<void>;
  destroy(): void;
}

/** Charts a view made, destroyed when it redraws or goes away. */
export class Charts {
  private list: { destroy(): void }[] = [];
  add<T extends { destroy(): void }>(c: T): T {
    this.list.push(c);
    return c;
  }
  clear(): void {
    for (const c of this.list) c.destroy();
    this.list = [];
  }
}

export const appPath = (ctx: Ctx) => `/v1/apps/${encodeURIComponent(ctx.app)}`;
