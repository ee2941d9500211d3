import { useKnownUsers, useMe } from "@parley/react";
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { Avatar } from "./avatar.js";
import { useComponent, useWidgets } from "./context.js";
import { CloseIcon } from "./icons.js";
import { type NamedUser, searchPeople } from "./people-search.js";
import type { PeoplePickerProps } from "./props.js";

/**
 * A modal dialog to choose a person from the user directory (`client.users`) by name: a search
 * box that is a combobox over the people found (arrow keys move, Enter chooses, a click too),
 * the count announced as it narrows. Focus starts in the search box and stays in the dialog;
 * Escape, the close button or a click outside close it.
 */
export function PeoplePicker({ title, onChoose, onClose }: PeoplePickerProps) {
  const { strings, locale, format } = useWidgets();
  const AvatarPart = useComponent("Avatar", Avatar);
  const me = useMe();
  const known = useKnownUsers();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const found = useMemo(
    () => searchPeople(known, query, { me, locale }),
    [known, query, me, locale],
  );
  const index = Math.min(active, found.length - 1);
  const id = useId();
  const optionId = (i: number) => `${id}-option-${i}`;
  const dialog = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => search.current?.focus(), []);
  useEffect(() => {
    if (index >= 0)
      document.getElementById(optionId(index))?.scrollIntoView?.({ block: "nearest" });
  });

  const choose = (user: NamedUser | undefined) => {
    if (user) onChoose(user);
  };

  function onDialogKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === "Tab") {
      // Focus stays in the dialog: from its last control to its first and back.
      const controls = Array.from(
        dialog.current?.querySelectorAll<HTMLElement>("button, input") ?? [],
      );
      const first = controls[0];
      const last = controls[controls.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") setActive(Math.min(found.length - 1, index + 1));
    else if (event.key === "ArrowUp") setActive(Math.max(0, index - 1));
    else if (event.key === "Enter") choose(found[index]);
    else return;
    event.preventDefault();
  }

  return (
    // A click outside closes, as Escape does from the keyboard.
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop is not a control
    <div
      className="parley-dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialog}
        className="parley-people-picker"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onKeyDown={onDialogKeyDown}
      >
        <div className="parley-people-picker__header">
          <h2 className="parley-people-picker__title" id={`${id}-title`}>
            {title}
          </h2>
          <button
            type="button"
            className="parley-icon-button"
            title={strings.close}
            onClick={onClose}
          >
            <CloseIcon />
            <span className="parley-visually-hidden">{strings.close}</span>
          </button>
        </div>
        <input
          ref={search}
          className="parley-people-picker__search"
          type="search"
          role="combobox"
          aria-label={strings.searchPeople}
          placeholder={strings.searchPeople}
          aria-autocomplete="list"
          aria-expanded={found.length > 0}
          aria-controls={`${id}-list`}
          {...(index >= 0 ? { "aria-activedescendant": optionId(index) } : {})}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onSearchKeyDown}
        />
        <div
          className="parley-people-picker__list"
          id={`${id}-list`}
          role="listbox"
          aria-label={title}
        >
          {found.map((user, i) => (
            // Chosen with the keyboard through the combobox; a click chooses too, and leaves
            // focus in the search box.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the search box handles the keys
            <div
              key={user.id}
              id={optionId(i)}
              className="parley-people-picker__option"
              role="option"
              aria-selected={i === index}
              tabIndex={-1}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(user)}
              onMouseMove={() => i !== index && setActive(i)}
            >
              <AvatarPart name={user.name} src={user.avatarUrl} size="sm" />
              <span className="parley-people-picker__name" dir="auto">
                {user.name}
              </span>
            </div>
          ))}
        </div>
        {found.length === 0 && (
          <p className="parley-people-picker__empty">{strings.noPeopleFound}</p>
        )}
        <p className="parley-visually-hidden" role="status">
          {found.length > 0
            ? strings.peopleFound(found.length, format.number(found.length))
            : strings.noPeopleFound}
        </p>
      </div>
    </div>
  );
}
