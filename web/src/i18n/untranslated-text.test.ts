import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
/** Attributes a person reads or hears; their values must come from t() like any visible text. */
const READ_ATTRIBUTES = new Set([
  'label',
  'title',
  'placeholder',
  'aria-label',
  'alt',
  'description',
  'error',
]);
const HAS_LETTER = /\p{L}/u;

/**
 * Finds text written straight into JSX: text children, string literals in {…}, and string values of
 * the attributes above. Parsing with the TypeScript compiler, not a regex, keeps generics such as
 * useState<string>() from reading as markup.
 */
export function untranslatedText(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${fileName}:${line + 1}: ${text.trim()}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && HAS_LETTER.test(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.parent && !ts.isJsxAttribute(node.parent)) {
      const e = node.expression;
      if (e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && HAS_LETTER.test(e.text)) {
        report(node, e.text);
      }
    }
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file))) {
      const init = node.initializer;
      const literal = init && ts.isJsxExpression(init) ? init.expression : init;
      if (literal && ts.isStringLiteralLike(literal) && HAS_LETTER.test(literal.text))
        report(node, literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith('.tsx') ? [full] : [];
  });
}

describe('console text', () => {
  it('is never written straight into JSX', () => {
    const files = tsxFiles(SRC);
    expect(files.length).toBeGreaterThan(5);
    const found = files.flatMap((f) => untranslatedText(path.relative(SRC, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('is caught when it is', () => {
    const sample = `
      const A = () => {
        const [v] = useState<string>('x');
        return (
          <Stack>
            <Title>Users</Title>
            <Text>{'Вход'}</Text>
            <TextInput label="Username" aria-label={'Имя'} placeholder={t('ok')} />
            <span>●</span>
            <p>{t('fine')}</p>
          </Stack>
        );
      };`;
    expect(untranslatedText('sample.tsx', sample).map((f) => f.replace(/^.*: /, ''))).toEqual([
      'Users',
      'Вход',
      'Username',
      'Имя',
    ]);
  });
});
