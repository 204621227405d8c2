// Photos, documents, videos and voice notes: kept (as Telegram file ids) when a report step
// asks for them; anything else goes on to the unhandled feature.
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { limits } from "../../domain/reports/limits.js";
import type { FlowFile } from "../../flows/engine.js";

export const mediaFeature = new Composer<BotContext>();

mediaFeature.on(["message:photo", "message:document", "message:voice", "message:video"], async (ctx, next) => {
  const m = ctx.message;
  const file: (FlowFile & { size?: number | undefined }) | undefined = m.photo
    ? { kind: "photo", fileId: m.photo.at(-1)!.file_id, size: m.photo.at(-1)!.file_size }
    : m.document
      ? { kind: "document", fileId: m.document.file_id, size: m.document.file_size }
      : m.voice
        ? { kind: "voice", fileId: m.voice.file_id, size: m.voice.file_size }
        : m.video
          ? { kind: "video", fileId: m.video.file_id, size: m.video.file_size }
          : undefined;
  if (!file || !ctx.services.engine.current(ctx)?.step.media) return next();
  if ((file.size ?? 0) > limits.maxFileBytes) {
    await ctx.reply(ctx.t("report:evidence_too_big"));
    return;
  }
  const caption = m.caption?.trim().slice(0, 1024);
  await ctx.services.engine.attach(ctx, { kind: file.kind, fileId: file.fileId, ...(caption ? { caption } : {}) });
});
