import { Command } from "commander";
import { registerAlertCommands } from "./commands/alerts";
import { registerForecastCommands } from "./commands/forecast";
import { registerDigestCommands } from "./commands/digest";
import { registerFactsCommands } from "./commands/facts";
import { registerDirectoryCommands } from "./commands/directory";
import { registerImportCommands } from "./commands/import";
import { registerOrgAndUserCommands } from "./commands/orgs-users";
import { registerPlaybookCommands } from "./commands/playbooks";
import { registerPlatformScoreCommands } from "./commands/platform-scores";
import { registerScoreCommands } from "./commands/score";
import { registerScoredEntityCommands } from "./commands/scored-entities";
import { registerDevCommands, registerSyncCommands } from "./commands/sync";
import { reportFailure } from "./context";

/** `npx koubei …`: one JSON object per command on stdout; logs and errors on stderr. */
const program = new Command()
  .name("koubei")
  .description("Koubei command line: same database selection as the app (DATABASE_URL, else the embedded database in KOUBEI_DATA_DIR or .data)")
  .showHelpAfterError()
  .exitOverride();

registerOrgAndUserCommands(program);
registerScoredEntityCommands(program);
registerScoreCommands(program);
registerForecastCommands(program);
registerFactsCommands(program);
registerImportCommands(program);
registerPlatformScoreCommands(program);
registerSyncCommands(program);
registerDirectoryCommands(program);
registerAlertCommands(program);
registerPlaybookCommands(program);
registerDigestCommands(program);
registerDevCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") process.exit(0);
  if (typeof code === "string" && code.startsWith("commander.")) process.exit(64);
  process.exit(reportFailure(error));
}
