import type { SimulatedUser } from "./updates.js";

/** Made-up people for the local simulator; each Telegram language the bot must handle. */
export const simulatedUsers: SimulatedUser[] = [
  { id: 7100001, first_name: "Аружан", language_code: "kk" },
  { id: 7100002, first_name: "Дима", language_code: "ru" },
  { id: 7100003, first_name: "Sam", language_code: "en" },
  { id: 7100004, first_name: "Lena", language_code: "de" },
];

/** The simulated ombudsman staff group and one staff member in it. */
export const simulatedStaff = {
  chatId: -1007100000001,
  title: "Ombudsman staff (simulated)",
  member: { id: 7200001, first_name: "Aigerim (staff)", language_code: "ru" } satisfies SimulatedUser,
};
