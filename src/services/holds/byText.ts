import { ApiError, messageText as sentenceText, type Language, type Message } from '../../contract';
import type { Clock, ClockTimer } from '../../clock';
import type { Repositories } from '../../db/repositories';
import { parseHoldRequest } from '../../domain/holdMessage';
import { log } from '../../log';
import type { NotificationConfig } from '../notifications/config';
import { formatDay, messageText } from '../notifications/messages';
import type { ReceivedText } from '../notifications/sms';
import { localDate, parseLocalDate } from '../packages/localTime';
import type { HoldService } from './service';

// A reply within a couple of minutes reads as an answer; Twilio's list is cheap to ask this often.
const pollMs = 2 * 60_000;
// Texts older than this are not read (Packroom was off, or SMS was set up later): their sender has moved on.
const lookBackMs = 24 * 60 * 60_000;

export interface HoldTextDeps {
  repos: Pick<Repositories, 'holds' | 'recipients' | 'sync'>;
  holds: HoldService;
  clock: Clock;
  texts: { receivedTexts(since: number): Promise<ReceivedText[]>; replyText(to: string, body: string): Promise<boolean> };
  config: () => NotificationConfig;
}

/**
 * A hold asked for by text message (issue 22, "by message"): reads the texts sent to the site's Twilio number, and for
 * one from an active recipient's phone that says "HOLD 12/20-01/05" or "AWAY UNTIL 5 JAN" (src/domain/holdMessage.ts),
 * sets a `keep` hold (audited, `created_via` sms) and replies in the recipient's language. On a site, only the node
 * that runs the roster import reads them, so each text makes one hold.
 */
export class HoldsByText {
  private timer: ClockTimer | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: HoldTextDeps) {}

  start(): void {
    this.tick();
  }

  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    await this.running;
  }

  /** Reads and answers the texts received since a day ago that were not handled yet. */
  async poll(): Promise<void> {
    const node = this.deps.repos.sync.node();
    if (node.site !== null && node.rosterNode !== node.nodeName) return;
    const now = this.deps.clock.now();
    for (const text of await this.deps.texts.receivedTexts(now - lookBackMs)) {
      if (!this.deps.repos.holds.firstTimeText(text.sid, now)) continue;
      const reply = this.answer(text, now);
      if (reply) await this.deps.texts.replyText(text.from, reply);
    }
  }

  /** What to reply to one text, or null for a text that is not about a hold or not from a recipient. */
  private answer(text: ReceivedText, now: number): string | null {
    const recipient = this.deps.repos.recipients.activeByPhone(text.from);
    if (!recipient) return null;
    const request = parseHoldRequest(text.body, localDate(now));
    if (request.kind === 'notAHold') return null;
    const config = this.deps.config();
    const language: Language = recipient.language ?? config.siteLanguage;
    const t = messageText(language);
    const site = config.siteName;
    if (request.kind === 'badDates') return t('hold_text.unclear', { site });
    const actor = { staffId: null, label: `${recipient.firstName} ${recipient.lastName} (SMS)` };
    try {
      const hold = this.deps.holds.set(actor, { recipientId: recipient.id, from: request.from, until: request.until, mode: 'keep' }, 'sms');
      const day = (d: string) => formatDay(parseLocalDate(d), language);
      return t('hold_text.set', { site, from: day(hold.from), until: day(hold.until) });
    } catch (error) {
      if (!(error instanceof ApiError) || !error.key) throw error;
      const reason: Message = { key: error.key, ...(error.params && { params: error.params }) };
      return t('hold_text.refused', { site, reason: sentenceText(reason, language) });
    }
  }

  private tick(): void {
    this.running = this.poll()
      .catch((error: unknown) => log.warn(`Texts to the site's number could not be read; trying again in 2 minutes. ${String(error)}`))
      .finally(() => {
        this.running = null;
      });
    this.timer = this.deps.clock.setTimeout(() => this.tick(), pollMs);
  }
}
