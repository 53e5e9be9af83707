/** A small RFC 5545 reader for tests: unfolds lines, splits components, properties with parameters. */
export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}
export interface IcsComponent {
  type: string;
  props: IcsProperty[];
  children: IcsComponent[];
}

/** Lines are CRLF-terminated; a line starting with a space or tab continues the previous one (§3.1). */
export function unfold(text: string): string[] {
  if (/[^\r]\n/.test(text)) throw new Error('a line ends without CR');
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '');
}

function parseLine(line: string): IcsProperty {
  const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const head = line.slice(0, colon);
  const [name, ...rest] = head.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const [k, v] = p.split('=');
    params[k!.toUpperCase()] = v ?? '';
  }
  return { name: name!.toUpperCase(), params, value: line.slice(colon + 1) };
}

export function parseIcs(text: string): IcsComponent {
  const stack: IcsComponent[] = [];
  let root: IcsComponent | null = null;
  for (const line of unfold(text)) {
    const p = parseLine(line);
    if (p.name === 'BEGIN') {
      const c: IcsComponent = { type: p.value, props: [], children: [] };
      stack.at(-1)?.children.push(c);
      stack.push(c);
    } else if (p.name === 'END') {
      const c = stack.pop();
      if (!c || c.type !== p.value) throw new Error(`END:${p.value} does not close ${c?.type}`);
      if (stack.length === 0) root = c;
    } else {
      const top = stack.at(-1);
      if (!top) throw new Error(`property outside a component: ${line}`);
      top.props.push(p);
    }
  }
  if (!root || stack.length) throw new Error('unbalanced components');
  return root;
}

export const prop = (c: IcsComponent, name: string) => c.props.find((p) => p.name === name);
export const children = (c: IcsComponent, type: string) => c.children.filter((k) => k.type === type);
