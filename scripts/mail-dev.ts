/**
 * `npm run mail:dev`: a local SMTP receiver on 127.0.0.1:2525 that prints every mail the app sends
 * (password resets, notices). Start the app with SMTP_URL=smtp://127.0.0.1:2525.
 */
import { startLocalMailReceiver } from "./lib/local-mail-receiver";

const port = Number(process.env.MAIL_DEV_PORT ?? 2525);
startLocalMailReceiver({
  port,
  onMail: (mail) => console.log(`\n── to ${mail.to.join(", ")}: ${mail.subject}\n${mail.text}`),
}).then(
  (receiver) => console.log(`koubei: local mail receiver on ${receiver.url} (set SMTP_URL to this)`),
  (error: unknown) => {
    console.error(`koubei: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
