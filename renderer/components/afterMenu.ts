/**
 * Mantine's Menu gives focus back to its button 10 ms after it closes. A dialog opened from a menu item
 * opens after that, so its focus trap takes focus from the button and gives it back to it on close.
 */
export const afterMenuCloses = (open: () => void) => void window.setTimeout(open, 30);
