/**
 * Buyer name, phone and address are never stored (data-formats.md). Their columns are dropped
 * whatever the header says, and free text is masked before it is stored or shown in an error list.
 */
const PII_HEADER_PATTERNS: RegExp[] = [
  /^(收件人|收货人|买家|购买人|下单人|联系人|客户)(姓名|名称|昵称)?$/,
  /(手机|电话|联系方式|手机号|phone|mobile|tel)/i,
  /(详细地址|收货地址|收件地址|街道|地址|address)/i,
  /(身份证|证件号|idcard|idnumber)/i,
  /^(buyer|receiver|recipient|consignee|customer)[\s_-]*(name|nick|nickname)?$/i,
  /^(buyer|receiver|recipient|consignee)[\s_-]/i,
  // TikTok Shop's order export: the rest of the buyer's address.
  /^(zip\s*code|post(al)?\s*code|house name or number|delivery instruction)$/i,
];

/** Headers that are buyer details; 省份/收货省份 (province) is allowed. */
export function isPiiHeader(header: string): boolean {
  const h = header.normalize("NFKC").trim();
  if (/省份|province/i.test(h)) return false;
  return PII_HEADER_PATTERNS.some((re) => re.test(h));
}

/** Platform ciphertext of buyer fields (`##密文`, `$$…`): never stored. */
export const isCiphertext = (value: string): boolean => /^(##|\$\$)/.test(value.trim());

const MOBILE = /(?<![0-9])(?:\+?86[-\s]?)?1[3-9][0-9][-\s]?[0-9]{4}[-\s]?[0-9]{4}(?![0-9])/g;
const ID_NUMBER = /(?<![0-9A-Za-z])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])/g;
const LANDLINE = /(?<![0-9])0[1-9][0-9]{1,2}-[0-9]{7,8}(?![0-9])/g;
/** A street address: optional province/city/district, then a road, street, lane or building with a number. */
const STREET_ADDRESS =
  /(?:[\u4e00-\u9fa5]{2,9}(?:省|自治区|市|自治州|区|县|镇|乡)){0,4}[\u4e00-\u9fa5A-Za-z0-9]{1,20}(?:路|街|大道|巷|弄|胡同|道)\s*[0-9０-９一二三四五六七八九十百零〇]+(?:号|弄|巷)?(?:[\u4e00-\u9fa5A-Za-z0-9#\-－]{0,20}(?:号楼|栋|幢|座|单元|室|楼|层|号))*/g;
const COMPOUND_ADDRESS = /[\u4e00-\u9fa5]{2,12}(?:小区|花园|公寓|大厦|新村|家园)[0-9０-９一二三四五六七八九十]*(?:号楼|栋|幢|座)?(?:[0-9]+(?:单元|室|号))*/g;

/** Masks mobile numbers, ID numbers, landlines and street addresses in free text. */
export function maskFreeText(text: string): string {
  return text
    .replace(ID_NUMBER, "[身份证号]")
    .replace(MOBILE, (m) => {
      const digits = m.replace(/\D/g, "").slice(-11);
      return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
    })
    .replace(LANDLINE, "[电话]")
    .replace(STREET_ADDRESS, "[地址]")
    .replace(COMPOUND_ADDRESS, "[地址]");
}
