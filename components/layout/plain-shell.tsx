import type { ReactNode } from "react";
import { Brand } from "./brand";
import { LanguageSwitch } from "./language-switch";
import { AccountLink } from "./account-link";
import { SignOutButton } from "./sign-out-button";

/** Pages outside an organisation: sign-in, sign-up, invitations, creating an organisation. */
export function PlainShell({
  children,
  signedIn = false,
}: {
  children: ReactNode;
  signedIn?: boolean;
}) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between gap-2 border-b border-zinc-200 bg-white px-4 py-3">
        <Brand />
        <div className="flex items-center gap-1">
          <LanguageSwitch />
          {signedIn ? (
            <>
              <AccountLink />
              <SignOutButton />
            </>
          ) : null}
        </div>
      </header>
      <main className="flex flex-1 items-start justify-center px-4 py-8 sm:py-16">
        <div className="w-full max-w-md">{children}</div>
      </main>
    </div>
  );
}
