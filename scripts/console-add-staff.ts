// Creates a console account. The password is read from standard input (a hidden prompt on a
// terminal), never from the command line, where it would stay in the shell's history.
// Usage: npm run console:add-staff -- --email admin@example.org [--role ADMIN|SUPERVISOR|OPERATOR] [--regions almaty,astana]
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { createSealer } from "../src/domain/privacy/encryption.ts";
import { createAccounts, type Role } from "../src/domain/staff/accounts.ts";
import { passwordProblem } from "../src/domain/staff/passwords.ts";
import { audit } from "../src/domain/staff/audit.ts";
import { regions } from "../src/domain/help/directory.ts";
import { bootstrap } from "../src/entry/bootstrap.ts";

const { values } = parseArgs({
  options: { email: { type: "string" }, role: { type: "string", default: "ADMIN" }, regions: { type: "string", default: "" } },
});
const role = String(values.role).toUpperCase() as Role;
const chosen = String(values.regions)
  .split(",")
  .map((r) => r.trim())
  .filter(Boolean);
const problems = [
  ...(values.email && /^[^@\s]+@[^@\s]+$/.test(values.email) ? [] : ["--email must be an email address"]),
  ...(["ADMIN", "SUPERVISOR", "OPERATOR"].includes(role) ? [] : ["--role must be ADMIN, SUPERVISOR or OPERATOR"]),
  ...chosen.filter((r) => !(regions as readonly string[]).includes(r)).map((r) => `unknown region "${r}" (one of: ${regions.join(", ")})`),
  ...(role === "OPERATOR" && chosen.length === 0 ? ["an OPERATOR needs --regions"] : []),
];
if (problems.length) {
  console.error(problems.map((p) => `- ${p}`).join("\n"));
  process.exit(2);
}

/** What to do instead while the server holds the embedded database: the server creates the account. */
function whileServerRuns(config: { port: number; publicUrl: string | undefined }): string {
  const base = config.publicUrl ? config.publicUrl.replace(/\/+$/, "") : `http://localhost:${config.port}`;
  return [
    `The server is running, so create the account in the console instead (nothing needs to stop):`,
    `- The first admin: open the one-time setup link the server printed when it started (${base}/console/setup?token=…).`,
    `  Lost it, or it ran out? Restart the server: while no admin exists, it prints a new one.`,
    `- Any other account: sign in as an admin at ${base}/console and open Staff (${base}/console/staff).`,
  ].join("\n");
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = "";
    for await (const chunk of process.stdin) text += chunk;
    return text.split("\n")[0]!.trim();
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.includes("Password")) process.stdout.write(s);
  };
  const answer = await new Promise<string>((resolve) => rl.question("Password (at least 12 characters): ", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer.trim();
}

// The lock is checked before the password is asked: a running server refuses at once, with the way to do it in the console.
const { config, db } = await bootstrap({ logLevel: "warn", whileServerRuns });
try {
  const password = await readPassword();
  // The same policy as the console: 12-256 characters, not common or easily guessed (zxcvbn-ts).
  const weak = passwordProblem(password, { email: values.email });
  if (weak) {
    const why = {
      too_short: "it is shorter than 12 characters",
      too_long: "it is longer than 256 characters",
      has_control: "it contains control characters",
      too_weak:
        "it is too easy to guess (a common password, word, name, date or keyboard pattern); use a phrase of several unrelated words",
    }[weak];
    console.error(`The password is not accepted: ${why}.`);
    process.exitCode = 2;
  } else if (await db.prisma.staffAccount.findUnique({ where: { email: values.email!.trim().toLowerCase() } })) {
    console.error(`An account with the email ${values.email} already exists. An admin can change it in the console (Staff).`);
    process.exitCode = 2;
  } else {
    const account = await createAccounts(db.prisma, createSealer(config.appSecret)).create({
      email: values.email!,
      password,
      role,
      regions: role === "OPERATOR" ? chosen : [],
    });
    await audit(db.prisma, "system", "account.create", account.email, { role, via: "command" });
    console.log(
      `Created ${role} ${account.email}${role === "OPERATOR" ? ` for ${chosen.join(", ")}` : ""}. At first sign-in a second factor (TOTP) is set up; keep the recovery codes shown then.`,
    );
  }
} finally {
  await db.close();
}
