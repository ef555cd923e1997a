// The keyboard of a gallery's full-size views (src/render/gallery.ts).
// Without this file the views already open and close: each is shown by CSS
// when the page's address names it (#galerie-…, `:target`), and links move
// between them. This adds what a keyboard expects: focus on the view that
// opens, Tab kept inside it, Escape to close, ← and → for the previous and
// next photos, focus back on the thumbnail when it closes.

/** The element the address names, if any. */
function targeted() {
  const id = decodeURIComponent(location.hash.slice(1));
  return id ? document.getElementById(id) : null;
}

/** The full-size view open now, if any. */
function openView() {
  const target = targeted();
  return target && target.classList.contains('gallery__view') ? target : null;
}

function settleFocus() {
  const target = targeted();
  if (!target) return;
  if (target.classList.contains('gallery__view')) target.querySelector('.gallery__close')?.focus({ preventScroll: true });
  else if (target.classList.contains('gallery__thumb')) target.focus({ preventScroll: true });
}

const KEYS = { Escape: '.gallery__close', ArrowLeft: '.gallery__prev', ArrowRight: '.gallery__next' };

document.addEventListener('keydown', (event) => {
  const view = openView();
  if (!view || event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.key === 'Tab') {
    const links = [...view.querySelectorAll('a')];
    const first = links[0];
    const last = links[links.length - 1];
    const inside = view.contains(document.activeElement);
    if (!inside || (event.shiftKey && document.activeElement === first) || (!event.shiftKey && document.activeElement === last)) {
      event.preventDefault();
      (event.shiftKey ? last : first)?.focus();
    }
    return;
  }
  const selector = KEYS[event.key];
  if (!selector) return;
  event.preventDefault();
  view.querySelector(selector)?.click();
});

addEventListener('hashchange', settleFocus);
settleFocus();
