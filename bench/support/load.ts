// The two load shapes, over one target's children:
//   closed loop: N updates in flight at all times (Telegram keeps up to 40 connections open to a
//     webhook); each answer lets the next waiting child send at once. Measures the most it handles.
//   fixed rate: R updates a second, on schedule, whatever the server does; latency counts from
//     the scheduled moment, so a server that falls behind shows its queue (no coordinated
//     omission). When more than `backlogSeconds` of updates are outstanding it has fallen behind:
//     the phase stops there and says so, rather than queueing without end.
import type { Children, Turn } from "./children.ts";

export interface PhaseResult {
  /** Updates answered (any status) and those answered 200, in the phase and its drain. */
  answered: number;
  /** Answered within the phase's time (what updates/s counts). */
  answeredInTime: number;
  ok: number;
  seconds: number;
  latenciesMs: number[];
  /** Fixed rate only: the time (s) at which the backlog passed its bound. */
  fellBehindAt?: number;
  /** Updates still unanswered when the phase gave up waiting. */
  abandoned: number;
}

/**
 * After a phase, the updates still in flight are waited for (and their CPU counted) before the
 * next phase or target starts, so a server that fell behind does not slow the next one down.
 */
const DRAIN_MS = 180_000;

class Recorder {
  readonly latenciesMs: number[] = [];
  answered = 0;
  ok = 0;
  inFlight = 0;
  private idle: (() => void) | undefined;

  turn(scheduledAt: number, onDone: () => void): Turn {
    this.inFlight++;
    return {
      scheduledAt,
      done: (status) => {
        this.latenciesMs.push(performance.now() - scheduledAt);
        this.answered++;
        if (status === 200) this.ok++;
        this.inFlight--;
        onDone();
        if (this.inFlight === 0) this.idle?.();
      },
    };
  }

  /** Resolves when nothing is in flight, or after `ms`. */
  drained(ms: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

export async function closedLoop(children: Children, connections: number, seconds: number): Promise<PhaseResult> {
  const recorder = new Recorder();
  const started = performance.now();
  const end = started + seconds * 1000;
  let running = true;
  const pump = () => {
    while (running && recorder.inFlight < connections) {
      if (performance.now() >= end) {
        running = false;
        break;
      }
      children.grant(recorder.turn(performance.now(), pump));
    }
  };
  pump();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  running = false;
  const elapsed = (performance.now() - started) / 1000;
  const answeredInTime = recorder.answered;
  await recorder.drained(DRAIN_MS);
  return {
    answered: recorder.answered,
    answeredInTime,
    ok: recorder.ok,
    seconds: elapsed,
    latenciesMs: recorder.latenciesMs,
    abandoned: recorder.inFlight,
  };
}

export async function fixedRate(children: Children, perSecond: number, seconds: number, backlogSeconds = 2): Promise<PhaseResult> {
  const recorder = new Recorder();
  const started = performance.now();
  const total = Math.round(perSecond * seconds);
  const bound = Math.max(50, perSecond * backlogSeconds);
  let issued = 0;
  let fellBehindAt: number | undefined;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - started) / 1000) * perSecond) + 1);
      while (issued < due) {
        if (recorder.inFlight >= bound) {
          fellBehindAt = (now - started) / 1000;
          resolve();
          return;
        }
        children.grant(recorder.turn(started + (issued / perSecond) * 1000, () => undefined));
        issued++;
      }
      if (issued >= total) resolve();
      else setTimeout(tick, Math.max(1, Math.min(10, ((issued + 1) / perSecond) * 1000 + started - performance.now())));
    };
    tick();
  });
  const elapsed = (performance.now() - started) / 1000;
  const answeredInTime = recorder.answered;
  await recorder.drained(DRAIN_MS);
  return {
    answered: recorder.answered,
    answeredInTime,
    ok: recorder.ok,
    seconds: fellBehindAt ?? Math.max(elapsed, seconds),
    latenciesMs: recorder.latenciesMs,
    abandoned: recorder.inFlight,
    ...(fellBehindAt !== undefined ? { fellBehindAt } : {}),
  };
}

export function percentile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
