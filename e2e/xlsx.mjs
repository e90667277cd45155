// Reads back the first sheet of an .xlsx workbook the page made: every
// cell with its type, so a test can hold tracking numbers to being text.
// Only what such a workbook uses: a zip of deflated or stored parts, shared
// or inline strings, numbers.
import { inflateRawSync } from "node:zlib";

/** The parts of a zip archive, by name. */
function unzip(buf) {
  // The end of central directory record, searched from the end.
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip archive");
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const parts = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error("bad central directory");
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + size);
    parts.set(name, method === 0 ? data : inflateRawSync(data));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return parts;
}

const unescape = (s) =>
  s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (_, e, d, x) =>
    d ? String.fromCodePoint(Number(d)) : x ? String.fromCodePoint(parseInt(x, 16)) : { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" }[e],
  );

/** The text of every <t> inside `xml`, joined (rich text has several). */
const texts = (xml) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)].map((m) => unescape(m[1] ?? "")).join("");

/** Column letters to a 0-based index: "A" 0, "AB" 27. */
const column = (letters) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;

/**
 * The first sheet as rows of cells `{ type, value }`: type "text" for shared
 * or inline strings, "number" for numbers, "other" for anything else.
 */
export function readSheet(bytes) {
  const parts = unzip(Buffer.from(bytes));
  const shared = [];
  const sst = parts.get("xl/sharedStrings.xml");
  if (sst) for (const m of sst.toString("utf8").matchAll(/<si>([\s\S]*?)<\/si>/g)) shared.push(texts(m[1]));
  const sheetName = [...parts.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort()[0];
  const xml = parts.get(sheetName).toString("utf8");
  const rows = [];
  for (const row of xml.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const cells = [];
    for (const c of (row[1] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1];
      const ref = /\br="([A-Z]+)\d+"/.exec(attrs)?.[1];
      const t = /\bt="([^"]+)"/.exec(attrs)?.[1];
      const body = c[2] ?? "";
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let cell;
      if (t === "s") cell = { type: "text", value: shared[Number(v)] };
      else if (t === "inlineStr" || t === "str") cell = { type: "text", value: t === "str" ? unescape(v ?? "") : texts(body) };
      else if (t === undefined || t === "n") cell = v === undefined ? { type: "text", value: "" } : { type: "number", value: v };
      else cell = { type: "other", value: v };
      cells[ref ? column(ref) : cells.length] = cell;
    }
    rows.push(Array.from(cells, (c) => c ?? { type: "text", value: "" }));
  }
  return rows;
}
