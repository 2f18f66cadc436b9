import type { ButtonHTMLAttributes } from 'react';

// The design system's three button weights: one primary action per form, secondary for the others,
// tertiary (text-like) for actions inside tables.
const variants = {
  primary: 'bg-blue-900 text-white border-blue-900 hover:bg-blue-1000 hover:border-blue-1000 active:bg-blue-1200',
  secondary: 'bg-white text-blue-900 border-blue-900 hover:bg-blue-50 hover:text-blue-1000 active:bg-blue-100',
  tertiary: 'bg-transparent text-blue-900 border-transparent underline hover:bg-blue-50 active:bg-blue-100',
} as const;

const sizes = {
  md: 'min-h-12 px-4 py-3 text-oln-16B-100',
  sm: 'min-h-9 px-3 py-2 text-oln-14B-100',
} as const;

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: keyof typeof variants;
  size?: keyof typeof sizes;
};

export function Button({ variant = 'primary', size = 'md', type = 'button', className = '', ...props }: ButtonProps) {
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center gap-2 rounded-8 border-2 hover:underline disabled:cursor-not-allowed disabled:border-solid-gray-300 disabled:bg-solid-gray-300 disabled:text-solid-gray-700 disabled:no-underline ${variants[variant]} ${sizes[size]} ${className}`}
      {...props}
    />
  );
}
