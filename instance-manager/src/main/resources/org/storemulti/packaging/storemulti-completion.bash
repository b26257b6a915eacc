
# What picocli's script above cannot know, asked of the storemulti being completed (the
# word typed, so a checkout's bin/storemulti works too), with the -c given so far:
# instance names after -i ('-' is the primary), groups after -g, directories after -c,
# and storectl's commands as the first word after -p.

function _storemulti_list_column() { # COLUMN of 'storemulti -l': 1 names, 2 groups
  local i config=()
  for ((i = 1; i < COMP_CWORD - 1; i++)); do
    if [[ ${COMP_WORDS[i]} == -c ]]; then config=(-c "${COMP_WORDS[i+1]}"); fi
  done
  "${COMP_WORDS[0]}" "${config[@]}" -l 2>/dev/null | while IFS=$' \t' read -r name group rest; do
    if [[ $1 == 1 ]]; then echo "$name"; elif [[ $group != - ]]; then echo "$group"; fi
  done
}

function _storemulti_wrapper_command_next() { # true when the word is -p's storectl command
  local i wrapper=
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      @OPTIONS_WITH_VALUE@) ((i++)) ;;
      --*) ;;
      -*p*) wrapper=yes ;;
      -*) ;;
      *) return 1 ;;
    esac
  done
  [[ -n $wrapper ]]
}

function _storemulti_complete() {
  local curr_word=${COMP_WORDS[COMP_CWORD]} words
  case ${COMP_WORDS[COMP_CWORD-1]} in
    -i) words=$(_storemulti_list_column 1) ;;
    -g) words=$(_storemulti_list_column 2 | sort -u) ;;
    -c|--systemd-units)
      type compopt &>/dev/null && compopt -o filenames
      words=$(compgen -d -- "$curr_word") ;;
    *)
      if [[ $curr_word == -* ]] || ! _storemulti_wrapper_command_next; then
        _complete_storemulti "$@" # picocli's, with the shell's own IFS
        return
      fi
      words="@STORECTL_COMMANDS@"
      words=${words// /$'\n'} ;;
  esac
  local IFS=$'\n'
  COMPREPLY=( $(compgen -W "$words" -- "$curr_word") )
}

complete -F _storemulti_complete -o default storemulti
