"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/forms/form-error";
import { Button } from "@/components/ui/button";
import { EmailField } from "@/components/forms/email-field";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error) {
        // The server sends the wait as "rate_limited:<seconds>" (Auth.js passes only a code).
        const wait = /^rate_limited:(\d+)$/.exec(result?.code ?? "");
        setError(
          wait
            ? t("errors.tooManyAttempts", { seconds: Number(wait[1]) })
            : result?.code === "demo_preparing"
              ? t("errors.demoPreparing")
              : t("errors.badCredentials"),
        );
        setPending(false);
        return;
      }
      // Server components render again with the new session cookie.
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError(t("errors.internal"));
      setPending(false);
    }
  }

  const signUpHref = callbackUrl.startsWith("/invite/")
    ? `/sign-up?invite=${encodeURIComponent(callbackUrl.slice("/invite/".length))}`
    : "/sign-up";
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-xs">
      <h1 className="text-xl font-semibold">{t("auth.signInTitle")}</h1>
      <p className="mt-1 text-sm text-zinc-600">{t("auth.signInLead")}</p>
      <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
        <EmailField value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field label={t("auth.password")}>
          <Input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <FormError message={error} />
        <Button type="submit" loading={pending} className="w-full">
          {t("auth.signIn")}
        </Button>
      </form>
      <p className="mt-4 text-center text-sm">
        <Link href="/forgot-password" className="text-zinc-600 hover:underline">
          {t("auth.forgotPassword")}
        </Link>
      </p>
      <p className="mt-4 text-center text-sm text-zinc-600">
        {t("auth.noAccount")}{" "}
        <Link href={signUpHref} className="font-medium text-rose-700 hover:underline">
          {t("auth.signUp")}
        </Link>
      </p>
    </div>
  );
}
