import type { Db } from "../db/client.js";
import type { I18n } from "../i18n/i18n.js";
import type { Logger } from "../logger.js";
import type { FlowEngine } from "../flows/engine.js";
import type { Pseudonymizer } from "../domain/privacy/pseudonym.js";
import type { ReportService } from "../domain/reports/reports.js";
import type { SlaHours } from "../domain/reports/triage.js";
import type { StaffDesk } from "./staff/desk.js";
import type { SignalService } from "../domain/signals/signals.js";
import type { Outbox } from "../domain/outbox/outbox.js";

/** Everything a feature may use, put on the context by one early middleware. */
export interface Services {
  db: Db;
  i18n: I18n;
  logger: Logger;
  engine: FlowEngine;
  pseudonyms: Pseudonymizer;
  reports: ReportService;
  signals: SignalService;
  outbox: Outbox;
  staff: StaffDesk;
  sla: SlaHours;
  forgetChild(pseudonym: string): Promise<void>;
}
