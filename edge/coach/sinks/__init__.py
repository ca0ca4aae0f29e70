"""Where prompts go: earpiece (espeak-ng + sounddevice), LED (sysfs or GPIO), console."""
