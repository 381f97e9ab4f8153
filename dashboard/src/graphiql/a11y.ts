/**
 * What GraphiQL 4.1.2's markup lacks for screen readers and keyboards (axe-core's serious and
 * critical findings on its page), mended in the DOM as GraphiQL renders it, since its props
 * offer none of it:
 * - CodeMirror's hidden textareas (the editors' input) have no label: each gets its editor's name;
 * - the query editor's scroll box can only be reached by the mouse: it joins the tab order;
 * - a session tab is an <li role="tab"> holding its <button> and, with several tabs, a close
 *   button (controls inside a control, and buttons a tablist may not hold): the tabs become a
 *   plain list of buttons, the active one marked aria-current.
 * The colours (contrast) are in graphiql.css.
 */

/** The name of the editor a CodeMirror textarea belongs to. */
function editorName(textarea: HTMLTextAreaElement): string {
  if (textarea.closest('.graphiql-query-editor')) return 'Query editor';
  if (textarea.closest('.graphiql-response')) return 'Result (read-only)';
  const tool = textarea.closest('.graphiql-editor-tool');
  if (tool) {
    // the tool pane holds the variables editor, then the headers editor (one of them hidden)
    const editors = [...tool.querySelectorAll(':scope > .graphiql-editor')];
    return editors.indexOf(textarea.closest('.graphiql-editor')!) === 1 ? 'Request headers (JSON)' : 'Variables (JSON)';
  }
  return 'Editor';
}

function mend(root: HTMLElement): void {
  for (const t of root.querySelectorAll<HTMLTextAreaElement>('.CodeMirror textarea:not([aria-label])')) t.setAttribute('aria-label', editorName(t));
  for (const s of root.querySelectorAll<HTMLElement>('.graphiql-query-editor .CodeMirror-scroll[tabindex="-1"]')) {
    s.setAttribute('tabindex', '0');
    s.setAttribute('aria-label', 'Query editor (scroll)');
  }
  for (const list of root.querySelectorAll<HTMLElement>('ul.graphiql-tabs[role="tablist"]')) list.removeAttribute('role');
  for (const li of root.querySelectorAll<HTMLElement>('li.graphiql-tab[role], li.graphiql-tab[aria-selected]')) {
    const button = li.querySelector<HTMLElement>('.graphiql-tab-button');
    // React sets aria-selected on the <li> again when the active tab changes: moved each time
    const selected = li.getAttribute('aria-selected');
    if (button && selected !== null) {
      if (selected === 'true') button.setAttribute('aria-current', 'true');
      else button.removeAttribute('aria-current');
    }
    li.removeAttribute('role');
    li.removeAttribute('aria-selected');
  }
}

/** Mends the IDE's markup now and whenever GraphiQL changes it. */
export function mendAccessibility(root: HTMLElement): void {
  mend(root);
  // attribute changes of the elements mended above come back here; mend() is idempotent
  new MutationObserver(() => mend(root)).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-selected', 'role', 'tabindex'] });
}
