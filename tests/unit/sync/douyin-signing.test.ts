import { describe, expect, it } from "vitest";
import { paramJson } from "@/server/sync/douyin/param-json";
import { sameSignature, signPush, signRequest, stringToSign } from "@/server/sync/douyin/sign";
import { methodPath } from "@/server/sync/douyin/methods";
import { parseRequestTimestamp } from "@/server/sync/fake-platform/server";

// The vectors of ../shared/docs/douyin-open-api.md.
const app = { appKey: "1234567890123456789", appSecret: "abcdef0123456789", timestamp: "1700000000" };

describe("Douyin request signing", () => {
  it("signs order.searchList as the documented vectors (hmac-sha256 and md5)", () => {
    const json = paramJson({ update_time_start: 1700000000, size: 10, page: 0, update_time_end: 1700003600, order_by: "update_time" });
    expect(json).toBe('{"order_by":"update_time","page":0,"size":10,"update_time_end":1700003600,"update_time_start":1700000000}');
    const input = { ...app, method: "order.searchList", paramJson: json };
    expect(signRequest(input)).toBe("0243bc09ad74bac744b44b74fef41fe6cb77ac3b384c695315c79d69db81ee6a");
    expect(signRequest(input, "md5")).toBe("3b535684a46b340c6ce1d6f3e6ccc344");
  });

  it("signs shop.getExperienceScore with an empty param_json as {}", () => {
    expect(paramJson({})).toBe("{}");
    expect(signRequest({ ...app, method: "shop.getExperienceScore", paramJson: "{}" })).toBe("621dfafff302c02aa66fd8607d4f76f56b27b08b89cce657bd4bcaa98890b492");
  });

  it("puts the secret at both ends and v=2 last", () => {
    expect(stringToSign({ ...app, method: "m", paramJson: "{}" })).toBe("abcdef0123456789app_key1234567890123456789methodmparam_json{}timestamp1700000000v2abcdef0123456789");
  });

  it("sorts keys at every level, keeps array order, and escapes nothing beyond JSON", () => {
    const json = paramJson({ b: [{ z: 1, a: "店铺/&<>='" }, { y: null, c: 2 }], a: { d: true, c: "x" } });
    expect(json).toBe('{"a":{"c":"x","d":true},"b":[{"a":"店铺/&<>=\'","z":1},{"c":2,"y":null}]}');
  });

  it("maps methods to paths with dots as slashes, case kept", () => {
    expect(methodPath("order.searchList")).toBe("/order/searchList");
    expect(methodPath("afterSale.List")).toBe("/afterSale/List");
  });

  it("signs push messages as MD5 of app key, raw body and secret, compared in constant time", () => {
    const body = '[{"tag":"102","msg_id":"1","data":"{}"}]';
    const sign = signPush("k", body, "s");
    expect(sign).toMatch(/^[0-9a-f]{32}$/);
    expect(sameSignature(sign, sign.toUpperCase())).toBe(true);
    expect(sameSignature(sign, signPush("k", `${body} `, "s"))).toBe(false);
    expect(sameSignature(sign, "short")).toBe(false);
  });

  it("the fake accepts request timestamps in seconds, milliseconds and Beijing wall-clock time", () => {
    expect(parseRequestTimestamp("1700000000")).toBe(1700000000);
    expect(parseRequestTimestamp("1700000000123")).toBe(1700000000);
    expect(parseRequestTimestamp("2023-11-15 06:13:20")).toBe(1700000000);
    expect(parseRequestTimestamp("yesterday")).toBeNull();
  });
});
