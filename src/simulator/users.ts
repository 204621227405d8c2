import type { SimulatedUser } from "./updates.js";

/** Made-up people for the local simulator; each Telegram language the bot must handle. */
export const simulatedUsers: SimulatedUser[] = [
  { id: 7100001, first_name: "Аружан", language_code: "kk" },
  { id: 7100002, first_name: "Дима", language_code: "ru" },
  { id: 7100003, first_name: "Sam", language_code: "en" },
  { id: 7100004, first_name: "Lena", language_code: "de" },
];
