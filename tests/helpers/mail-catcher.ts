/** The local SMTP receiver of `npm run mail:dev`, started by tests on a loopback port to read what the app sends. */
export { startLocalMailReceiver as startMailCatcher, type CaughtMail } from "@/scripts/lib/local-mail-receiver";
