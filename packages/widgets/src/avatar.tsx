import { useState } from "react";
import { initialsOf } from "./participants.js";
import type { AvatarProps } from "./props.js";
import { safeUrl } from "./url.js";

/**
 * A user's picture, or their initials when there is none, it is unsafe, or it fails to load.
 * `data-state` is `image` or `initials`.
 */
export function Avatar({ name, src, size = "md", decorative = true, className }: AvatarProps) {
  const url = safeUrl(src, "media");
  const [failed, setFailed] = useState<string | null>(null);
  const showImage = url !== null && failed !== url;
  return (
    <span
      className={className ? `parley-avatar ${className}` : "parley-avatar"}
      data-size={size}
      data-state={showImage ? "image" : "initials"}
      {...(decorative ? { "aria-hidden": true } : { role: "img", "aria-label": name })}
    >
      {showImage ? (
        <img
          className="parley-avatar__image"
          src={url}
          alt=""
          loading="lazy"
          referrerPolicy="no-referrer"
          onError={() => setFailed(url)}
        />
      ) : (
        <span className="parley-avatar__initials">{initialsOf(name)}</span>
      )}
    </span>
  );
}
