// Preloaded into every benchmarked server (`node --expose-gc --import ./probe.mjs …`): answers
// the benchmark over the IPC channel with the CPU time the process used so far (all its threads:
// the event loop, the thread pool, GC, the compilers) and its memory, after a full GC when asked.
// No code in the app and no HTTP route: the server under test is the one production runs.
import process from "node:process";

if (process.send) {
  process.on("message", (message) => {
    if (typeof message !== "object" || message === null || !("probe" in message)) return;
    if (message.gc && typeof globalThis.gc === "function") {
      globalThis.gc();
      globalThis.gc();
    }
    process.send?.({
      probe: message.probe,
      cpu: process.cpuUsage(),
      memory: process.memoryUsage(),
      maxRssKb: process.resourceUsage().maxRSS,
    });
  });
  // The channel must not keep a server alive that was told to stop.
  process.channel?.unref();
}
