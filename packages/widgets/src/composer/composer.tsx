import { isParleyError } from "@parley/core";
import { useCapabilities, useMessageActions, useSend, useTyping } from "@parley/react";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useComponent, useWidgets } from "../context.js";
import { PaperclipIcon } from "../icons.js";
import type { ComposerProps } from "../props.js";
import { useControllable } from "../use-controllable.js";
import { AttachmentChip } from "./attachment-chip.js";
import { ComposerModeBanner } from "./composer-mode.js";
import { useUploads } from "./use-uploads.js";

/**
 * Writes and sends messages: Enter sends, Shift+Enter adds a line, Escape leaves reply or edit
 * mode. Keystrokes go through the client's typing debounce. Files upload with progress where the
 * backend takes uploads; reply and edit appear only where it supports them. Focus stays in the
 * text field after sending. `data-state`: `idle`, `replying` or `editing`.
 */
export function Composer({
  conversationId,
  mode: modeProp,
  defaultMode = null,
  onModeChange,
  onSend,
  placeholder,
  autoFocus,
  className,
}: ComposerProps) {
  const { strings } = useWidgets();
  const capabilities = useCapabilities();
  const send = useSend(conversationId);
  const actions = useMessageActions();
  const typing = useTyping(conversationId);
  const uploads = useUploads();
  const Chip = useComponent("AttachmentChip", AttachmentChip);
  const ModeBanner = useComponent("ComposerModeBanner", ComposerModeBanner);
  const [rawMode, setMode] = useControllable(modeProp, defaultMode, onModeChange);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const errorId = useId();

  // A mode the backend can't do is ignored.
  const mode =
    rawMode?.kind === "reply" && capabilities.replies
      ? rawMode
      : rawMode?.kind === "edit" && capabilities.edit
        ? rawMode
        : null;
  const modeKey = mode ? `${mode.kind}:${mode.message.clientId}` : null;
  const editText = mode?.kind === "edit" ? mode.message.text : null;

  // Entering a mode puts the cursor in the text field (with the old text when editing).
  useEffect(() => {
    if (modeKey === null) return;
    if (editText !== null) setDraft(editText);
    inputRef.current?.focus();
  }, [modeKey, editText]);

  const canUpload = capabilities.attachments === "upload";
  const empty = draft.trim() === "" && uploads.attachments.length === 0;
  const disabled = empty || uploads.busy || saving;

  function reset() {
    setDraft("");
    setError(null);
    uploads.clear();
    if (mode) setMode(null);
    typing.stop();
  }

  function submit() {
    if (disabled) return;
    setError(null);
    if (mode?.kind === "edit") {
      setSaving(true);
      actions.edit(mode.message, draft).then(
        () => {
          setSaving(false);
          reset();
        },
        (e: unknown) => {
          setSaving(false);
          setError(isParleyError(e) || e instanceof Error ? e.message : String(e));
        },
      );
      return;
    }
    try {
      const replyTo = mode?.kind === "reply" ? mode.message.id : undefined;
      const attachments = uploads.attachments;
      const message = send(draft, {
        ...(replyTo !== undefined ? { replyTo } : {}),
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      reset();
      onSend?.(message);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
    inputRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape" && mode) {
      event.preventDefault();
      if (mode.kind === "edit") setDraft("");
      setMode(null);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit();
  }

  return (
    <form
      className={className ? `parley-composer ${className}` : "parley-composer"}
      data-state={mode ? (mode.kind === "reply" ? "replying" : "editing") : "idle"}
      data-uploading={uploads.busy || undefined}
      onSubmit={onSubmit}
    >
      {mode && (
        <ModeBanner
          mode={mode}
          onCancel={() => {
            if (mode.kind === "edit") setDraft("");
            setMode(null);
            inputRef.current?.focus();
          }}
        />
      )}
      {uploads.uploads.length > 0 && (
        <ul className="parley-composer__attachments">
          {uploads.uploads.map((upload) => (
            <Chip key={upload.id} upload={upload} onRemove={() => uploads.remove(upload.id)} />
          ))}
        </ul>
      )}
      <div className="parley-composer__row">
        {canUpload && mode?.kind !== "edit" && (
          <>
            <button
              type="button"
              className="parley-icon-button"
              aria-label={strings.attach}
              onClick={() => fileRef.current?.click()}
            >
              <PaperclipIcon />
            </button>
            <input
              ref={fileRef}
              type="file"
              multiple
              hidden
              tabIndex={-1}
              aria-label={strings.attach}
              onChange={(event) => {
                if (event.target.files) uploads.add(Array.from(event.target.files));
                event.target.value = "";
                inputRef.current?.focus();
              }}
            />
          </>
        )}
        <textarea
          ref={inputRef}
          className="parley-composer__input"
          rows={1}
          dir="auto"
          value={draft}
          placeholder={placeholder ?? strings.composerPlaceholder}
          aria-label={strings.composerLabel}
          aria-invalid={error !== null || undefined}
          aria-describedby={error !== null ? errorId : undefined}
          // biome-ignore lint/a11y/noAutofocus: opt-in by the app, e.g. a chat opened on purpose
          autoFocus={autoFocus}
          onKeyDown={onKeyDown}
          onChange={(event) => {
            setDraft(event.target.value);
            if (!capabilities.typing || mode?.kind === "edit") return;
            if (event.target.value === "") typing.stop();
            else typing.onKeystroke();
          }}
          onBlur={() => {
            if (capabilities.typing) typing.stop();
          }}
        />
        <button type="submit" className="parley-button" data-variant="primary" disabled={disabled}>
          {mode?.kind === "edit" ? strings.save : strings.send}
        </button>
      </div>
      {error !== null && (
        <p id={errorId} className="parley-composer__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
