/**
 * A file picker that looks and reads like the other buttons, in the interface
 * language (the browser's own "Choose file" label ignores it). The input is
 * cleared after each pick, so the same file can be picked again after a fix.
 */
export function FileButton({ label, onFiles, multiple, action, accept = 'application/json,.json' }: { label: string; onFiles: (files: File[]) => Promise<void> | void; multiple?: boolean; action?: string; accept?: string }) {
  return (
    <label className="button button--secondary file-button">
      {label}
      <input
        type="file"
        accept={accept}
        className="visually-hidden"
        multiple={multiple}
        data-action={action}
        onChange={(e) => {
          const input = e.target;
          const files = [...(input.files ?? [])];
          if (files.length > 0) void Promise.resolve(onFiles(files)).finally(() => (input.value = ''));
        }}
      />
    </label>
  );
}
