"""From audio to who said what: voice activity, speakers, speech to text."""
