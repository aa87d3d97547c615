/** The channel console commands are typed in, for commands that act on "this channel". */
export const consoleChannelId = 'CLOCALCONSOLE';
