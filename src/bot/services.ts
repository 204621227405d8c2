// The services a feature may use are declared with the context they ride on (see context.ts).
export type { Services } from "./context.js";
