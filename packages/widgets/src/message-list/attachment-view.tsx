import type { Attachment } from "@parley/core";
import { useWidgets } from "../context.js";
import { FileIcon } from "../icons.js";
import type { AttachmentViewProps } from "../props.js";
import { safeUrl } from "../url.js";

const IMAGE_EXTENSION = /\.(?:png|jpe?g|gif|webp|avif|bmp|svg)(?:[?#]|$)/i;

/** Whether an attachment is shown as an image rather than a file link. */
export function isImage(attachment: Attachment): boolean {
  const type = attachment.type ?? "";
  if (type === "image" || type.startsWith("image/")) return true;
  return type === "" && IMAGE_EXTENSION.test(attachment.url);
}

/**
 * The list measures rows with a ResizeObserver, so an image that loads late keeps the view in
 * place without help from here.
 *
 * An image (inline, linked to the full file) or a file link with its name and size. A URL that is
 * not http(s) is never used: the attachment shows as plain text.
 */
export function AttachmentView({ attachment }: AttachmentViewProps) {
  const { strings, format } = useWidgets();
  const href = safeUrl(attachment.url, "media");
  const name = attachment.name?.trim() || (isImage(attachment) ? strings.image : strings.file);
  const size = attachment.size === undefined ? "" : format.bytes(attachment.size);
  const label = strings.attachmentLabel(name, size);
  if (!href) {
    return (
      <span className="parley-attachment" data-state="blocked">
        {label}
      </span>
    );
  }
  if (isImage(attachment)) {
    return (
      <a
        className="parley-attachment"
        data-state="image"
        href={href}
        target="_blank"
        rel="noopener noreferrer"
      >
        <img
          className="parley-attachment__image"
          src={href}
          alt={name}
          loading="lazy"
          referrerPolicy="no-referrer"
        />
      </a>
    );
  }
  return (
    <a
      className="parley-attachment"
      data-state="file"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      download={attachment.name}
    >
      <FileIcon />
      <span className="parley-attachment__name">{label}</span>
    </a>
  );
}
