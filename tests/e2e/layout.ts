/**
 * Measures, in the browser, whether a page is laid out like the others: its
 * main column under the header's, nothing wider than that column, form
 * controls in the site's style, breadcrumb separators never at a line's
 * start. Each function returns readable problems (empty when the page is fine).
 */
import type { Page } from 'playwright-core';

export interface ColumnReport {
  /** Left edge of the header's column: its link to the home page (the magazine's name). */
  header: number;
  /** The main column: <main>'s content box. */
  main: { left: number; right: number };
  /** The leftmost visible box in <main>: the content does start at the column. */
  contentLeft: number;
  /** The page's visible h1, unless it sits beside a picture. */
  h1Left?: number;
  /** Visible elements of <main> that reach past the column's right (or left) edge. */
  outside: string[];
}

/** Where the header's and the main content's columns are, in CSS pixels. */
export function measureColumns(page: Page): Promise<ColumnReport> {
  return page.evaluate(() => {
    const rect = (el: Element) => el.getBoundingClientRect();
    const home = document.querySelector('body > header a[rel="home"], body > header a[href]')!;
    const main = document.querySelector('main')!;
    const style = getComputedStyle(main);
    const mainRect = rect(main);
    const column = { left: mainRect.left + parseFloat(style.paddingLeft), right: mainRect.right - parseFloat(style.paddingRight) };
    /** Rendered, with a box, and not one of the visually-hidden texts for screen readers (clipped to 1 px). */
    const visible = (el: Element) => {
      const r = rect(el);
      if (r.width <= 1 || r.height <= 1) return false;
      for (let node: Element | null = el; node && node !== main; node = node.parentElement) {
        const s = getComputedStyle(node);
        if (s.visibility === 'hidden' || s.display === 'none' || (s.position === 'absolute' && s.clip !== 'auto' && s.clip !== '')) return false;
      }
      return true;
    };
    const name = (el: Element) => {
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `<${el.tagName.toLowerCase()}${cls}> “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    };
    const elements = [...main.querySelectorAll('*')].filter(visible);
    const outside = elements
      .filter((el) => rect(el).right > column.right + 1 || rect(el).left < column.left - 1)
      .map((el) => `${name(el)}: ${Math.round(rect(el).left)}–${Math.round(rect(el).right)} px`);
    const h1 = [...main.querySelectorAll('h1')].find(visible);
    // An h1 beside a picture (an author's portrait) starts after it, not at the column.
    const besidePicture =
      h1 &&
      elements.some((el) => el.tagName === 'IMG' && rect(el).right <= rect(h1).left && rect(el).top < rect(h1).bottom && rect(el).bottom > rect(h1).top);
    return {
      header: rect(home).left,
      main: column,
      contentLeft: Math.min(...elements.map((el) => rect(el).left)),
      h1Left: h1 && !besidePicture ? rect(h1).left : undefined,
      outside,
    };
  });
}

export interface ControlReport {
  control: string;
  /** Computed styles that are still the browser's own (same as an unstyled control's in an empty document). */
  defaults: string[];
}

/**
 * Every visible input, button, select, textarea and <summary> button, its
 * computed font, border and background compared with the same control's in
 * a blank frame, where only the browser's stylesheet applies.
 */
export function unstyledControls(page: Page): Promise<ControlReport[]> {
  return page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'position:absolute;width:10px;height:10px;left:-100px;top:0;border:0';
    document.body.append(frame);
    const blank = frame.contentDocument!;
    const PROPS = ['font-family', 'border-top-color', 'border-top-style', 'border-top-width', 'border-top-left-radius', 'background-color', 'padding-top'];
    const controls = [...document.querySelectorAll('main input:not([type=hidden]), main button, main select, main textarea, body > header input, body > header button, body > header summary')].filter(
      (el) => el.getBoundingClientRect().width > 0,
    );
    const reports = controls.map((el) => {
      const twin = blank.createElement(el.tagName.toLowerCase());
      if (el instanceof HTMLInputElement) (twin as HTMLInputElement).type = el.type;
      if (el.tagName === 'SUMMARY') {
        const details = blank.createElement('details');
        details.append(twin);
        blank.body.append(details);
      } else {
        blank.body.append(twin);
      }
      const mine = getComputedStyle(el);
      const theirs = frame.contentWindow!.getComputedStyle(twin);
      // The site's face is the one condition that holds whatever the colours.
      const defaults = PROPS.filter((p) => mine.getPropertyValue(p) === theirs.getPropertyValue(p));
      const fontIsDefault = defaults.includes('font-family');
      const label = `<${el.tagName.toLowerCase()}${el instanceof HTMLInputElement ? ` type=${el.type}` : ''}> “${(el.textContent || el.getAttribute('aria-label') || el.getAttribute('name') || '').trim()}”`;
      // Styled = the site's font, and at least two of border/background/padding/radius changed.
      return { control: label, defaults: fontIsDefault || defaults.length > PROPS.length - 3 ? defaults : [] };
    });
    frame.remove();
    return reports.filter((r) => r.defaults.length > 0);
  });
}

/**
 * Breadcrumb items whose separator (generated before them, `li + li::before`)
 * starts a line: the item's first line box is lower than the end of the item
 * before it.
 */
export function separatorsAtLineStart(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const items = [...document.querySelectorAll('nav.breadcrumb li, nav[aria-label="Fil d’Ariane"] li')];
    const problems: string[] = [];
    items.forEach((item, i) => {
      if (i === 0) return;
      const separator = getComputedStyle(item, '::before').content;
      if (!separator || separator === 'none' || separator === 'normal') {
        problems.push(`item ${i + 1} « ${item.textContent} » has no separator before it`);
        return;
      }
      const previous = [...items[i - 1]!.getClientRects()].at(-1)!;
      const first = item.getClientRects()[0]!;
      // Same line: the item's first box overlaps the previous item's last line vertically.
      if (first.top >= previous.bottom - 2) {
        problems.push(`the separator before « ${item.textContent?.trim()} » starts a line (its top ${Math.round(first.top)} px, the previous item ends on the line at ${Math.round(previous.top)} px)`);
      }
    });
    return problems;
  });
}

/** Height of the header (the page's top to the bottom of <body>'s header), in CSS pixels. */
export function headerHeight(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('body > header')!.getBoundingClientRect().bottom + window.scrollY);
}
