import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { signInInput } from "@/lib/contracts/auth";
import { AppError } from "@/server/lib/errors";
import { getRuntime } from "@/server/runtime";
import { DEMO_EMAIL } from "@/server/demo/settings";
import { demoState } from "@/server/demo/state";
import { verifyCredentials } from "@/server/users/service";
import { clientAddress } from "./client-address";
import { ensureAuthSecret } from "./secret";

/** Auth.js passes only a code string to the browser: the wait rides along as `rate_limited:<seconds>`. */
class TooManyAttempts extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `rate_limited:${retryAfterSeconds}`;
  }
}
class BadCredentials extends CredentialsSignin {
  code = "bad_credentials";
}
/** The demo account exists before its organisation is filled in: nobody enters it half-seeded. */
class DemoPreparing extends CredentialsSignin {
  code = "demo_preparing";
}

/** Credentials sign-in means JWT sessions; the session version inside is checked on every tRPC call. */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: ensureAuthSecret(),
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInInput.safeParse(raw);
        if (!parsed.success) throw new BadCredentials();
        if (parsed.data.email === DEMO_EMAIL && demoState() === "preparing") throw new DemoPreparing();
        try {
          const { handle } = await getRuntime();
          const user = await verifyCredentials(handle, { ...parsed.data, address: clientAddress(request.headers) });
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        } catch (error) {
          if (error instanceof AppError && error.code === "RATE_LIMITED") throw new TooManyAttempts(Number(error.details.params?.seconds ?? 60));
          if (error instanceof AppError) throw new BadCredentials();
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 1;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.uid as string, sessionVersion: token.sv as number };
    },
  },
});

export type KoubeiSession = { userId: string; sessionVersion: number } | null;

export async function currentSession(): Promise<KoubeiSession> {
  const session = (await auth()) as unknown as { userId?: string; sessionVersion?: number } | null;
  if (!session?.userId) return null;
  return { userId: session.userId, sessionVersion: session.sessionVersion ?? 1 };
}
