// A YAML editor on CodeMirror 6: line numbers, undo history, YAML highlighting in the app's own colours (CSS
// variables, so light and dark both work), and, when given a `check`, problems marked at their line (lint gutter
// and underline) as the user types. Read-only mode is the same view without editing, for generated YAML.
// Tab is left to move focus (CodeMirror's default), so the editor never traps keyboard users.
import { useEffect, useRef } from 'react';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { HighlightStyle, syntaxHighlighting, foldGutter, indentOnInput, bracketMatching } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  placeholder as cmPlaceholder,
} from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

export interface LineProblem {
  /** 1-based; the first line when unknown. */
  line?: number;
  message: string;
}

const highlight = HighlightStyle.define([
  { tag: [t.propertyName, t.definition(t.propertyName)], color: 'var(--cm-key)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--cm-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--cm-number)' },
  { tag: [t.comment, t.lineComment], color: 'var(--cm-comment)', fontStyle: 'italic' },
  { tag: [t.keyword, t.typeName, t.labelName], color: 'var(--cm-keyword)' },
  { tag: [t.punctuation, t.separator, t.squareBracket, t.brace], color: 'var(--fg-subtle)' },
  { tag: t.meta, color: 'var(--cm-keyword)' },
]);

// Colours come from the page's CSS variables (styles/jobs.css), so this one theme serves light and dark.
const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--bg-elev)', color: 'var(--fg)', fontSize: '12.5px' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--fg)', padding: '8px 0' },
  '.cm-gutters': { backgroundColor: 'var(--bg-sunken)', color: 'var(--fg-subtle)', border: 'none', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--cm-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--cm-active-line)', color: 'var(--fg-muted)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': { backgroundColor: 'var(--cm-selection) !important' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
  '.cm-placeholder': { color: 'var(--fg-subtle)' },
  '.cm-tooltip': { backgroundColor: 'var(--bg-elev)', color: 'var(--fg)', border: '1px solid var(--border-strong)', borderRadius: '6px' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--danger)', textUnderlineOffset: '3px' },
  '.cm-lint-marker-error': { content: 'none' },
});

function lintFrom(check: (text: string) => LineProblem[]): Extension {
  return linter(
    (view): Diagnostic[] => {
      const doc = view.state.doc;
      const text = doc.toString();
      if (!text.trim()) return [];
      return check(text).map((p) => {
        const line = doc.line(Math.min(Math.max(p.line ?? 1, 1), doc.lines));
        // The text of the line, not its indentation, is underlined.
        const from = line.from + (line.text.length - line.text.trimStart().length);
        return { from, to: Math.max(from, line.to), severity: 'error', message: p.message };
      });
    },
    { delay: 250 },
  );
}

function contentAttributes(id: string, label: string, invalid?: boolean, describedBy?: string): Record<string, string> {
  const a: Record<string, string> = { 'aria-label': label, id: `${id}-editor`, spellcheck: 'false' };
  if (describedBy) a['aria-describedby'] = describedBy;
  if (invalid) a['aria-invalid'] = 'true';
  return a;
}

export function YamlEditor({
  id,
  value,
  onChange,
  onBlur,
  label,
  readOnly = false,
  check,
  placeholder,
  invalid,
  describedBy,
  minLines = 8,
}: {
  id: string;
  value: string;
  onChange?: (text: string) => void;
  onBlur?: () => void;
  /** The accessible name of the editing area. */
  label: string;
  readOnly?: boolean;
  check?: (text: string) => LineProblem[];
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  minLines?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const handlers = useRef({ onChange, onBlur });
  const attributes = useRef(new Compartment());
  useEffect(() => {
    handlers.current = { onChange, onBlur };
  });

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const v = new EditorView({
      parent,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          foldGutter(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          history(),
          indentOnInput(),
          bracketMatching(),
          yaml(),
          syntaxHighlighting(highlight),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorState.tabSize.of(2),
          EditorView.lineWrapping,
          theme,
          attributes.current.of(EditorView.contentAttributes.of(contentAttributes(id, label, invalid, describedBy))),
          ...(readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []),
          ...(placeholder ? [cmPlaceholder(placeholder)] : []),
          ...(check ? [lintGutter(), lintFrom(check)] : []),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) handlers.current.onChange?.(u.state.doc.toString());
            if (u.focusChanged && !u.view.hasFocus) handlers.current.onBlur?.();
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = undefined;
    };
    // The view is made once per editor (its undo history and focus live in it); the text and the attributes
    // follow the props below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly, check]);

  useEffect(() => {
    view.current?.dispatch({
      effects: attributes.current.reconfigure(EditorView.contentAttributes.of(contentAttributes(id, label, invalid, describedBy))),
    });
  }, [id, label, invalid, describedBy]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return (
    <div
      ref={host}
      id={id}
      className={`yaml-editor${readOnly ? ' yaml-editor-readonly' : ''}${invalid ? ' yaml-editor-invalid' : ''}`}
      style={{ ['--cm-min-lines' as string]: String(minLines) }}
    />
  );
}
