import { describe, expect, it } from "vitest";
import { message, storedFailure } from "@/lib/contracts/message";
import { cliLocale, localeOfRequest, translate, translateError } from "@/server/lib/i18n";

describe("server-side translation with next-intl's translator", () => {
  it("renders a key with parameters in either language, nested messages first", () => {
    const refusal = message("errors.import.badMapping", { detail: message("importer.details.noColumn", { header: "付款日" }) });
    expect(translate("zh-CN", refusal)).toBe("列对应设置无效：文件中没有列 付款日");
    expect(translate("en", refusal)).toBe("The column mapping is invalid: no column 付款日 in the file");
    expect(translateError("zh-CN", "errors.import.tooLarge", { size: 3, limit: 2 })).toBe("文件大小为 3 MB，超过 2 MB 的上限。");
  });

  it("a key the catalogue lacks, and old stored text, come back as they are", () => {
    expect(translateError("en", "errors.noSuchKey")).toBe("errors.noSuchKey");
    expect(translate("zh-CN", "12 rows were kept as stored")).toBe("12 rows were kept as stored");
    expect(storedFailure({ error: "old English reason", errorKey: "errors.import.rowsRejected", errorParams: null })).toBe("old English reason");
    expect(storedFailure({ error: "x", errorKey: "errors.import.emptyFile", errorParams: {} })).toEqual({ key: "errors.import.emptyFile", params: {} });
  });

  it("the CLI prints Chinese unless KOUBEI_LOCALE says otherwise", () => {
    expect(cliLocale({})).toBe("zh-CN");
    expect(cliLocale({ KOUBEI_LOCALE: "en" })).toBe("en");
    expect(cliLocale({ KOUBEI_LOCALE: "fr" })).toBe("zh-CN");
  });

  it("a route handler answers in the app's header language, else the cookie's, else the browser's", () => {
    const request = (headers: Record<string, string>) => new Request("http://localhost/x", { headers });
    expect(localeOfRequest(request({ "x-koubei-locale": "en", cookie: "NEXT_LOCALE=zh-CN" }))).toBe("en");
    expect(localeOfRequest(request({ cookie: "a=1; NEXT_LOCALE=en" }))).toBe("en");
    expect(localeOfRequest(request({ "accept-language": "en-US,en;q=0.9" }))).toBe("en");
    expect(localeOfRequest(request({ "accept-language": "zh-CN" }))).toBe("zh-CN");
    expect(localeOfRequest(request({}))).toBe("zh-CN");
  });
});
