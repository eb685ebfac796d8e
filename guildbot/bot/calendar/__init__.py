"""The community calendar: time phrases, events, RSVPs, reminders, announcements, iCal feeds."""
