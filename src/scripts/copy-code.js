// The copy button of code blocks (src/render/code.ts). Its markup and words
// come from the page (the <template> of src/components/BodyScripts.astro):
// without JavaScript, or without a clipboard, there is no button at all.
const template = document.getElementById('rotative-copy-code');

if (template instanceof HTMLTemplateElement && navigator.clipboard) {
  for (const block of document.querySelectorAll('.code-block')) {
    const code = block.querySelector('pre code');
    if (!code) continue;
    const parts = template.content.cloneNode(true);
    const button = parts.querySelector('button');
    const status = parts.querySelector('[role="status"]');
    if (!button || !status) continue;
    const label = button.textContent;
    let timer;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(code.textContent ?? '');
      } catch {
        return;
      }
      // The status region is announced by screen readers; the button shows it too, for two seconds.
      button.textContent = button.dataset.done ?? '';
      status.textContent = button.dataset.done ?? '';
      clearTimeout(timer);
      timer = setTimeout(() => {
        button.textContent = label;
        status.textContent = '';
      }, 2000);
    });
    block.append(parts);
  }
}
