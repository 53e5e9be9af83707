/** The longest side of a queued photo: enough to see a cordon or a casualty card, small enough to queue. */
const MAX_SIDE = 1600;

/**
 * A photo as the queue keeps it: redrawn as a JPEG no larger than 1600 px a side, in base64. A
 * phone's 5 MB picture becomes a few hundred KB, and whatever it carried besides pixels (its place
 * in EXIF, a script in an SVG) is left behind.
 */
export async function shrinkPhoto(file: File): Promise<{ type: 'image/jpeg'; data: string }> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const url = canvas.toDataURL('image/jpeg', 0.8);
  return { type: 'image/jpeg', data: url.slice(url.indexOf(',') + 1) };
}
