import { PasswordInput, type PasswordInputProps } from '@mantine/core';

/** A password or passphrase being chosen: the browser offers to generate and save it, never fills an old one. */
export function NewPasswordInput(props: PasswordInputProps) {
  return <PasswordInput autoComplete="new-password" {...props} />;
}
