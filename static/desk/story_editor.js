// The story body's editor: Tiptap, as django-prose-editor ships it (no CDN, no inline
// script: the strict CSP allows it). Its schema keeps part of what the body's allowlist keeps
// (articles/sanitize.py): paragraphs, headings (h2 to h4), bold, italic, underline,
// strike-through, sub- and superscript, code, highlight, links, bulleted and numbered lists,
// block quotes, line breaks and rules (articles/admin/forms.py: EDITOR_KEEPS; a body with
// more, a table say, opens as HTML instead). Pasted HTML is read through the same schema, so
// a word processor's or a web page's styles are dropped and its structure kept; pasted plain
// text becomes paragraphs.
import {
  Blockquote,
  Bold,
  BulletList,
  Code,
  Document,
  Editor,
  Dropcursor,
  Gapcursor,
  HardBreak,
  Heading,
  Highlight,
  History,
  HorizontalRule,
  Italic,
  Link,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  Strike,
  Subscript,
  Superscript,
  Text,
  Underline,
  initializeEditors,
} from "../django_prose_editor/editor.js";

// Links as the sanitiser writes them (href first, then rel), so a saved body reads back
// unchanged.
const StoryLink = Link.extend({
  renderHTML({ HTMLAttributes }) {
    const attributes = { href: HTMLAttributes.href };
    if (HTMLAttributes.title) attributes.title = HTMLAttributes.title;
    attributes.rel = "noopener noreferrer";
    return ["a", attributes, 0];
  },
}).configure({ openOnClick: false, enableTarget: false });

// As the package's createTextareaEditor, with Tiptap's own <style> element turned off (the
// CSP refuses inline styles; editor.css has those rules).
function textareaEditor(textarea, extensions) {
  const labelled = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  const label = labelled ? labelled.textContent.replace(/:\s*$/, "").trim() : "Body";
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = document.createElement("div");
  wrapper.className = `prose-editor${disabled ? " disabled" : ""}`;
  textarea.before(wrapper);
  wrapper.append(textarea);
  return new Editor({
    element: wrapper,
    editable: !disabled,
    extensions,
    content: textarea.value,
    injectCSS: false,
    editorProps: { attributes: { "aria-label": label, "aria-multiline": "true" } },
    onUpdate({ editor }) {
      const html = editor.getHTML();
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onDestroy() {
      wrapper.before(textarea);
      wrapper.remove();
    },
  });
}

function createStoryEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const editor = textareaEditor(textarea, [
    Document,
    Paragraph,
    Text,
    HardBreak,
    Dropcursor,
    Gapcursor,
    History,
    Menu,
    Heading.configure({ levels: [2, 3, 4] }),
    Bold,
    Italic,
    Underline,
    Strike,
    Subscript,
    Superscript,
    Code,
    Highlight,
    StoryLink,
    BulletList,
    OrderedList,
    ListItem,
    Blockquote,
    HorizontalRule,
  ]);
  window.NewsroomStoryEditor.editors.push(editor);
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }),
  );
  return editor;
}

window.NewsroomStoryEditor = { create: createStoryEditor, editors: [] };
initializeEditors(createStoryEditor, "textarea[data-story-editor]");
