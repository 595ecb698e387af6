// A small chequered finish flag, drawn (an emoji flag is missing from many systems' fonts).
export function FlagIcon({ size = 14 }: { size?: number }) {
  return (
    <svg className="flag-icon" width={size} height={size} viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <path d="M2 1v12" stroke="currentColor" strokeWidth="1.5" />
      <rect x="2.75" y="1.5" width="9.5" height="6.5" fill="none" stroke="currentColor" strokeWidth="1" />
      <path d="M2.75 1.5h3.2v2.2h-3.2zM9.1 1.5h3.15v2.2H9.1zM5.95 3.7h3.15v2.1H5.95zM2.75 5.8h3.2V8h-3.2zM9.1 5.8h3.15V8H9.1z" fill="currentColor" />
    </svg>
  );
}
