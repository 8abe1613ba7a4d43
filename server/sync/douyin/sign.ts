import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export type SignMethod = "hmac-sha256" | "md5";

export type SignInput = { appKey: string; appSecret: string; method: string; paramJson: string; timestamp: string };

/** The platform's string to sign: the secret on both ends, the parameters in alphabetical order between. */
export function stringToSign(input: SignInput): string {
  const { appKey, appSecret, method, paramJson, timestamp } = input;
  return `${appSecret}app_key${appKey}method${method}param_json${paramJson}timestamp${timestamp}v2${appSecret}`;
}

/** Lowercase hex signature of a request; MD5 is what the platform assumes when sign_method is absent. */
export function signRequest(input: SignInput, signMethod: SignMethod = "hmac-sha256"): string {
  const text = stringToSign(input);
  if (signMethod === "md5") return createHash("md5").update(text, "utf8").digest("hex");
  return createHmac("sha256", input.appSecret).update(text, "utf8").digest("hex");
}

/** Signature of a push message: MD5 of app key, the raw body and the secret. */
export function signPush(appKey: string, rawBody: string, appSecret: string): string {
  return createHash("md5").update(`${appKey}${rawBody}${appSecret}`, "utf8").digest("hex");
}

/** Constant-time comparison of two hex signatures (a wrong length is simply unequal). */
export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), "utf8");
  const b = Buffer.from(given.toLowerCase(), "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
