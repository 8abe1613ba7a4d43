import { describe, expect, it } from "vitest";
import { BinaryTupleEncoder } from "@/db/copy-binary";
import { packFloat8, unpackFloat8 } from "@/db/float8-bytes";
import { dayNumber } from "@/server/lib/time";

describe("packed doubles", () => {
  it("read back every bit, NaN, -0 and the extremes included", () => {
    const values = [0, -0, 1 / 3, Number.NaN, Number.MIN_VALUE, Number.MAX_VALUE, -Number.EPSILON, Number.POSITIVE_INFINITY];
    const back = unpackFloat8(packFloat8(values));
    expect(back).toHaveLength(values.length);
    values.forEach((v, i) => expect(Object.is(back[i], v)).toBe(true));
  });

  it("are big-endian, as PostgreSQL's float8send", () => {
    expect(packFloat8([1]).toString("hex")).toBe("3ff0000000000000");
  });

  it("refuse a length that is not whole doubles", () => {
    expect(() => unpackFloat8(new Uint8Array(7))).toThrow(RangeError);
  });
});

describe("BinaryTupleEncoder", () => {
  it("lays out a tuple as COPY's binary format says: field count, then length and bytes per field", () => {
    const tuples = new BinaryTupleEncoder();
    tuples.tuple(5).uuid("0011aabb-ccdd-eeff-0011-2233445566ff").text("店铺").int4(7).date(dayNumber("2000-01-02")).null();
    const hex = Buffer.from(tuples.take()).toString("hex");
    expect(hex).toBe(
      [
        "0005",
        "00000010", "0011aabbccddeeff00112233445566ff",
        "00000006", Buffer.from("店铺").toString("hex"),
        "00000004", "00000007",
        "00000004", "00000001",
        "ffffffff",
      ].join(""),
    );
  });

  it("grows past its first buffer without losing what it holds", () => {
    const tuples = new BinaryTupleEncoder();
    const values = Array.from({ length: 1000 }, (_, i) => i / 7);
    for (let i = 0; i < 200; i++) tuples.tuple(1).packedFloat8(values);
    const bytes = tuples.take();
    expect(bytes.length).toBe(200 * (2 + 4 + 8000));
    const last = bytes.subarray(bytes.length - 8000);
    expect(unpackFloat8(last)).toEqual(values);
  });

  it("refuses what is not a uuid", () => {
    expect(() => new BinaryTupleEncoder().uuid("not-a-uuid")).toThrow(RangeError);
    expect(() => new BinaryTupleEncoder().uuid("0011aabb-ccdd-eeff-0011-2233445566")).toThrow(RangeError);
  });
});
