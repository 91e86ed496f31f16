// XML documents that exercise every branch of the AWS SDK's XML parser (@aws-sdk/xml-builder's
// parseXML): elements, attributes with either quote, entities (named, decimal, hex, unknown),
// CDATA, comments, processing instructions, a prolog and a DOCTYPE, whitespace-only text with
// and without newlines, CRLF line ends, repeated children, mixed content, and broken documents.
// The golden file next to this one holds what the SDK's own parser returned for each.

import { mulberry32 } from "@portcullis/aws-sandbox";

const HANDWRITTEN: readonly string[] = [
  "<a/>",
  "<a></a>",
  "<a>text</a>",
  "<a>  </a>",
  "<a>\n  </a>",
  "<a>\r\n  x\r\n</a>",
  "<a>x\ry</a>",
  '<?xml version="1.0" encoding="UTF-8"?>\n<a><b>1</b><b>2</b><c/></a>',
  "<!-- lead --><a><!-- inner -->v<!-- tail --></a>",
  '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
  "<!doctype a><a>1</a>",
  "<a><![CDATA[<not a tag> & raw]]></a>",
  "<a>pre<![CDATA[mid]]>post</a>",
  "<a><?pi data?>v</a>",
  "<a>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F680;&unknown;&#;&amp</a>",
  "<a k=\"v\" q='w &amp; z' />",
  '<a k="v">text</a>',
  '<a k="v"><b>1</b></a>',
  '<a xmlns="https://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId></a>',
  "<a>one<b>two</b>three<b>four</b>five</a>",
  "<a>\n  <b>x</b>\n  <b>y</b>\n</a>",
  "<a><b><c><d>deep</d></c></b></a>",
  "<a><__proto__>p</__proto__></a>",
  '<a __proto__="p"/>',
  "<a><b></b><b/><b>x</b></a>",
  "<a\n  k = 'v'\n>x</a >",
  "<a><b>1</b><c>2</c><b>3</b><b>4</b></a>",
  "<a>日本語 🚀 ünïcode</a>",
  "<a>x</b>",
  "<a><b>x</a>",
  "<a>unclosed",
  "<a",
  "<a/",
  "<a k='v",
  "text before <a/>",
  "",
  "   ",
  "<!-- only a comment -->",
  '<a k="1" k="2"/>',
  "<a k=v/>",
  "<a><![CDATA[]]></a>",
  "<a>\t\t</a>",
  "<a> \n <b/> \n </a>",
];

const NAMES = ["item", "Key", "Value", "instanceId", "ns:tag", "a.b", "x-y", "member", "Tags", "n1"];
const TEXTS = [
  "",
  "plain",
  "two words",
  " padded ",
  "a&amp;b",
  "&lt;x&gt;",
  "&#38;",
  "&#x26;",
  "\n",
  "\n  ",
  " ",
  "ünï 🚀",
  "&nope;",
  "tab\there",
  "cr\r\nlf",
];

function element(next: () => number, depth: number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const name = pick(NAMES);
  let attributes = "";
  if (next() < 0.25) {
    const quote = next() < 0.5 ? '"' : "'";
    attributes = ` ${pick(["k", "id", "xmlns"])}=${quote}${pick(TEXTS).replaceAll(quote, "")}${quote}`;
  }
  if (next() < 0.1) return `<${name}${attributes}${next() < 0.5 ? " " : ""}/>`;
  let inner = "";
  const parts = depth > 3 ? 1 : Math.floor(next() * 5);
  for (let i = 0; i < parts; i += 1) {
    const roll = next();
    if (roll < 0.45 && depth <= 3) inner += element(next, depth + 1);
    else if (roll < 0.8) inner += pick(TEXTS);
    else if (roll < 0.88) inner += `<![CDATA[${pick(TEXTS)}]]>`;
    else if (roll < 0.95) inner += "<!-- c -->";
    else inner += "<?pi x?>";
  }
  return `<${name}${attributes}>${inner}</${name}>`;
}

/** Every document: the handwritten ones, then 200 generated ones. */
export function xmlCorpus(): string[] {
  const next = mulberry32(20261128);
  const generated = Array.from(
    { length: 200 },
    () => (next() < 0.3 ? '<?xml version="1.0"?>\n' : "") + element(next, 0),
  );
  return [...HANDWRITTEN, ...generated];
}

/** What the parser returned, or the message it threw, as comparable text. */
export function parseOutcome(parse: (xml: string) => unknown, xml: string): string {
  try {
    return JSON.stringify({ parsed: parse(xml) });
  } catch (error) {
    return JSON.stringify({ error: (error as Error).message });
  }
}
