// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { checkFileSize, formatBytes, MAX_FILE_BYTES } from './fileSize.ts';
import { buildPopupContent, escapeHtml, formatPopupValue } from './sanitize.ts';

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>window.__pwned = true</script>',
  '"><svg onload=alert(1)>',
  '<a href="javascript:alert(1)">clic</a>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
];

describe('escapeHtml', () => {
  it('escapes every markup-significant character', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
  });

  it('parsing the escaped text yields the original text and no element', () => {
    for (const text of HOSTILE) {
      const host = document.createElement('div');
      host.innerHTML = escapeHtml(text);
      expect(host.children.length).toBe(0);
      expect(host.textContent).toBe(text);
    }
  });

  it('renders null and undefined as empty text', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('buildPopupContent', () => {
  it('keeps hostile names as text: only the builder’s own elements exist', () => {
    const alerts: unknown[] = [];
    window.alert = (message?: unknown) => alerts.push(message);
    const popup = buildPopupContent(
      HOSTILE[0]!,
      HOSTILE.map((text, i) => [`Champ ${i} ${text}`, text]),
    );
    document.body.appendChild(popup);

    const tags = [...popup.querySelectorAll('*')].map((el) => el.tagName.toLowerCase());
    expect(new Set(tags)).toEqual(new Set(['h3', 'dl', 'dt', 'dd']));
    expect(popup.querySelectorAll('img, script, svg, a, iframe').length).toBe(0);
    expect(document.querySelectorAll('img, script, svg, iframe').length).toBe(0);
    expect(popup.querySelector('h3')!.textContent).toBe(HOSTILE[0]);
    expect([...popup.querySelectorAll('dd')].map((dd) => dd.textContent)).toEqual(HOSTILE);
    // No attribute at all besides the builder's class names: no event handler can have been attached.
    for (const el of popup.querySelectorAll('*')) {
      expect([...el.attributes].map((a) => a.name).filter((n) => n !== 'class')).toEqual([]);
    }
    expect(alerts).toEqual([]);
    expect((window as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
    popup.remove();
  });

  it('formats values in French', () => {
    const popup = buildPopupContent('Point 12', [
      ['Puissance (W)', 1234.5],
      ['Rénové', true],
      ['Commune', null],
      ['Hauteur', Number.NaN],
    ]);
    expect([...popup.querySelectorAll('dd')].map((dd) => dd.textContent)).toEqual([
      '1\u202f234,5',
      'oui',
      'non renseigné',
      'non renseigné',
    ]);
    expect(formatPopupValue('')).toBe('non renseigné');
  });
});

describe('checkFileSize', () => {
  it('accepts files up to the limit and refuses above with a French message', () => {
    expect(checkFileSize(1)).toBeNull();
    expect(checkFileSize(MAX_FILE_BYTES)).toBeNull();
    expect(checkFileSize(412_000_000)).toBe(
      "Le fichier fait 412\u00a0Mo : la taille maximale acceptée est de 300\u00a0Mo. Découpez-le ou filtrez-le avant de l'importer.",
    );
    expect(checkFileSize(2_000, 1_000)).toMatch(/^Le fichier fait 2\u00a0Ko/);
    expect(checkFileSize(0)).toBe('Le fichier est vide.');
    expect(checkFileSize(Number.NaN)).toBe('Taille de fichier illisible.');
  });

  it('formats sizes with French decimals and units', () => {
    expect(formatBytes(0)).toBe('0\u00a0octet');
    expect(formatBytes(999)).toBe('999\u00a0octets');
    expect(formatBytes(1_500)).toBe('1,5\u00a0Ko');
    expect(formatBytes(12_345_678)).toBe('12,3\u00a0Mo');
    expect(formatBytes(999_960)).toBe('1\u00a0Mo');
    expect(formatBytes(2_500_000_000)).toBe('2,5\u00a0Go');
  });
});
