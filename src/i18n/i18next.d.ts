// i18next's type augmentation: the English locale files are the list of keys (a test checks that
// every key exists in every language), so a key that is not there fails the type check.
import type { resources } from "./resources.ts";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: (typeof resources)["en"];
  }
}
