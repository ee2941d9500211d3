import { useWidgets } from "../context.js";
import { CloseIcon } from "../icons.js";
import type { AttachmentChipProps } from "../props.js";

/** A file picked in the composer: its name, upload progress, and a remove button. */
export function AttachmentChip({ upload, onRemove }: AttachmentChipProps) {
  const { strings, format } = useWidgets();
  const percent = format.percent(upload.progress);
  return (
    <li className="parley-chip" data-state={upload.state}>
      <span className="parley-chip__name">{upload.name}</span>
      {upload.state === "uploading" && (
        <progress
          className="parley-chip__progress"
          value={upload.progress}
          max={1}
          aria-label={strings.uploading(upload.name, percent)}
        />
      )}
      {upload.state === "failed" && (
        <span className="parley-chip__error" role="alert">
          {strings.uploadFailed(upload.name)}
        </span>
      )}
      <button
        type="button"
        className="parley-icon-button"
        aria-label={strings.removeAttachment(upload.name)}
        onClick={onRemove}
      >
        <CloseIcon />
      </button>
    </li>
  );
}
