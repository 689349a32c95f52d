_kforge() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="kforge"
                ;;
            kforge,certs)
                cmd="kforge__subcmd__certs"
                ;;
            kforge,completion)
                cmd="kforge__subcmd__completion"
                ;;
            kforge,config)
                cmd="kforge__subcmd__config"
                ;;
            kforge,etcd)
                cmd="kforge__subcmd__etcd"
                ;;
            kforge,health)
                cmd="kforge__subcmd__health"
                ;;
            kforge,help)
                cmd="kforge__subcmd__help"
                ;;
            kforge,init)
                cmd="kforge__subcmd__init"
                ;;
            kforge,join)
                cmd="kforge__subcmd__join"
                ;;
            kforge,reset)
                cmd="kforge__subcmd__reset"
                ;;
            kforge,snapshot)
                cmd="kforge__subcmd__snapshot"
                ;;
            kforge,token)
                cmd="kforge__subcmd__token"
                ;;
            kforge,upgrade)
                cmd="kforge__subcmd__upgrade"
                ;;
            kforge,version)
                cmd="kforge__subcmd__version"
                ;;
            kforge__subcmd__certs,check-expiration)
                cmd="kforge__subcmd__certs__subcmd__check__subcmd__expiration"
                ;;
            kforge__subcmd__certs,help)
                cmd="kforge__subcmd__certs__subcmd__help"
                ;;
            kforge__subcmd__certs,renew)
                cmd="kforge__subcmd__certs__subcmd__renew"
                ;;
            kforge__subcmd__certs__subcmd__help,check-expiration)
                cmd="kforge__subcmd__certs__subcmd__help__subcmd__check__subcmd__expiration"
                ;;
            kforge__subcmd__certs__subcmd__help,help)
                cmd="kforge__subcmd__certs__subcmd__help__subcmd__help"
                ;;
            kforge__subcmd__certs__subcmd__help,renew)
                cmd="kforge__subcmd__certs__subcmd__help__subcmd__renew"
                ;;
            kforge__subcmd__config,help)
                cmd="kforge__subcmd__config__subcmd__help"
                ;;
            kforge__subcmd__config,print)
                cmd="kforge__subcmd__config__subcmd__print"
                ;;
            kforge__subcmd__config__subcmd__help,help)
                cmd="kforge__subcmd__config__subcmd__help__subcmd__help"
                ;;
            kforge__subcmd__config__subcmd__help,print)
                cmd="kforge__subcmd__config__subcmd__help__subcmd__print"
                ;;
            kforge__subcmd__config__subcmd__help__subcmd__print,init-defaults)
                cmd="kforge__subcmd__config__subcmd__help__subcmd__print__subcmd__init__subcmd__defaults"
                ;;
            kforge__subcmd__config__subcmd__help__subcmd__print,inventory)
                cmd="kforge__subcmd__config__subcmd__help__subcmd__print__subcmd__inventory"
                ;;
            kforge__subcmd__config__subcmd__print,help)
                cmd="kforge__subcmd__config__subcmd__print__subcmd__help"
                ;;
            kforge__subcmd__config__subcmd__print,init-defaults)
                cmd="kforge__subcmd__config__subcmd__print__subcmd__init__subcmd__defaults"
                ;;
            kforge__subcmd__config__subcmd__print,inventory)
                cmd="kforge__subcmd__config__subcmd__print__subcmd__inventory"
                ;;
            kforge__subcmd__config__subcmd__print__subcmd__help,help)
                cmd="kforge__subcmd__config__subcmd__print__subcmd__help__subcmd__help"
                ;;
            kforge__subcmd__config__subcmd__print__subcmd__help,init-defaults)
                cmd="kforge__subcmd__config__subcmd__print__subcmd__help__subcmd__init__subcmd__defaults"
                ;;
            kforge__subcmd__config__subcmd__print__subcmd__help,inventory)
                cmd="kforge__subcmd__config__subcmd__print__subcmd__help__subcmd__inventory"
                ;;
            kforge__subcmd__etcd,alarms)
                cmd="kforge__subcmd__etcd__subcmd__alarms"
                ;;
            kforge__subcmd__etcd,compact)
                cmd="kforge__subcmd__etcd__subcmd__compact"
                ;;
            kforge__subcmd__etcd,defrag)
                cmd="kforge__subcmd__etcd__subcmd__defrag"
                ;;
            kforge__subcmd__etcd,help)
                cmd="kforge__subcmd__etcd__subcmd__help"
                ;;
            kforge__subcmd__etcd,members)
                cmd="kforge__subcmd__etcd__subcmd__members"
                ;;
            kforge__subcmd__etcd,recover-space)
                cmd="kforge__subcmd__etcd__subcmd__recover__subcmd__space"
                ;;
            kforge__subcmd__etcd,status)
                cmd="kforge__subcmd__etcd__subcmd__status"
                ;;
            kforge__subcmd__etcd__subcmd__alarms,disarm)
                cmd="kforge__subcmd__etcd__subcmd__alarms__subcmd__disarm"
                ;;
            kforge__subcmd__etcd__subcmd__alarms,help)
                cmd="kforge__subcmd__etcd__subcmd__alarms__subcmd__help"
                ;;
            kforge__subcmd__etcd__subcmd__alarms,list)
                cmd="kforge__subcmd__etcd__subcmd__alarms__subcmd__list"
                ;;
            kforge__subcmd__etcd__subcmd__alarms__subcmd__help,disarm)
                cmd="kforge__subcmd__etcd__subcmd__alarms__subcmd__help__subcmd__disarm"
                ;;
            kforge__subcmd__etcd__subcmd__alarms__subcmd__help,help)
                cmd="kforge__subcmd__etcd__subcmd__alarms__subcmd__help__subcmd__help"
                ;;
            kforge__subcmd__etcd__subcmd__alarms__subcmd__help,list)
                cmd="kforge__subcmd__etcd__subcmd__alarms__subcmd__help__subcmd__list"
                ;;
            kforge__subcmd__etcd__subcmd__help,alarms)
                cmd="kforge__subcmd__etcd__subcmd__help__subcmd__alarms"
                ;;
            kforge__subcmd__etcd__subcmd__help,compact)
                cmd="kforge__subcmd__etcd__subcmd__help__subcmd__compact"
                ;;
            kforge__subcmd__etcd__subcmd__help,defrag)
                cmd="kforge__subcmd__etcd__subcmd__help__subcmd__defrag"
                ;;
            kforge__subcmd__etcd__subcmd__help,help)
                cmd="kforge__subcmd__etcd__subcmd__help__subcmd__help"
                ;;
            kforge__subcmd__etcd__subcmd__help,members)
                cmd="kforge__subcmd__etcd__subcmd__help__subcmd__members"
                ;;
            kforge__subcmd__etcd__subcmd__help,recover-space)
                cmd="kforge__subcmd__etcd__subcmd__help__subcmd__recover__subcmd__space"
                ;;
            kforge__subcmd__etcd__subcmd__help,status)
                cmd="kforge__subcmd__etcd__subcmd__help__subcmd__status"
                ;;
            kforge__subcmd__etcd__subcmd__help__subcmd__alarms,disarm)
                cmd="kforge__subcmd__etcd__subcmd__help__subcmd__alarms__subcmd__disarm"
                ;;
            kforge__subcmd__etcd__subcmd__help__subcmd__alarms,list)
                cmd="kforge__subcmd__etcd__subcmd__help__subcmd__alarms__subcmd__list"
                ;;
            kforge__subcmd__etcd__subcmd__help__subcmd__members,list)
                cmd="kforge__subcmd__etcd__subcmd__help__subcmd__members__subcmd__list"
                ;;
            kforge__subcmd__etcd__subcmd__help__subcmd__members,promote)
                cmd="kforge__subcmd__etcd__subcmd__help__subcmd__members__subcmd__promote"
                ;;
            kforge__subcmd__etcd__subcmd__help__subcmd__members,remove)
                cmd="kforge__subcmd__etcd__subcmd__help__subcmd__members__subcmd__remove"
                ;;
            kforge__subcmd__etcd__subcmd__members,help)
                cmd="kforge__subcmd__etcd__subcmd__members__subcmd__help"
                ;;
            kforge__subcmd__etcd__subcmd__members,list)
                cmd="kforge__subcmd__etcd__subcmd__members__subcmd__list"
                ;;
            kforge__subcmd__etcd__subcmd__members,promote)
                cmd="kforge__subcmd__etcd__subcmd__members__subcmd__promote"
                ;;
            kforge__subcmd__etcd__subcmd__members,remove)
                cmd="kforge__subcmd__etcd__subcmd__members__subcmd__remove"
                ;;
            kforge__subcmd__etcd__subcmd__members__subcmd__help,help)
                cmd="kforge__subcmd__etcd__subcmd__members__subcmd__help__subcmd__help"
                ;;
            kforge__subcmd__etcd__subcmd__members__subcmd__help,list)
                cmd="kforge__subcmd__etcd__subcmd__members__subcmd__help__subcmd__list"
                ;;
            kforge__subcmd__etcd__subcmd__members__subcmd__help,promote)
                cmd="kforge__subcmd__etcd__subcmd__members__subcmd__help__subcmd__promote"
                ;;
            kforge__subcmd__etcd__subcmd__members__subcmd__help,remove)
                cmd="kforge__subcmd__etcd__subcmd__members__subcmd__help__subcmd__remove"
                ;;
            kforge__subcmd__help,certs)
                cmd="kforge__subcmd__help__subcmd__certs"
                ;;
            kforge__subcmd__help,completion)
                cmd="kforge__subcmd__help__subcmd__completion"
                ;;
            kforge__subcmd__help,config)
                cmd="kforge__subcmd__help__subcmd__config"
                ;;
            kforge__subcmd__help,etcd)
                cmd="kforge__subcmd__help__subcmd__etcd"
                ;;
            kforge__subcmd__help,health)
                cmd="kforge__subcmd__help__subcmd__health"
                ;;
            kforge__subcmd__help,help)
                cmd="kforge__subcmd__help__subcmd__help"
                ;;
            kforge__subcmd__help,init)
                cmd="kforge__subcmd__help__subcmd__init"
                ;;
            kforge__subcmd__help,join)
                cmd="kforge__subcmd__help__subcmd__join"
                ;;
            kforge__subcmd__help,reset)
                cmd="kforge__subcmd__help__subcmd__reset"
                ;;
            kforge__subcmd__help,snapshot)
                cmd="kforge__subcmd__help__subcmd__snapshot"
                ;;
            kforge__subcmd__help,token)
                cmd="kforge__subcmd__help__subcmd__token"
                ;;
            kforge__subcmd__help,upgrade)
                cmd="kforge__subcmd__help__subcmd__upgrade"
                ;;
            kforge__subcmd__help,version)
                cmd="kforge__subcmd__help__subcmd__version"
                ;;
            kforge__subcmd__help__subcmd__certs,check-expiration)
                cmd="kforge__subcmd__help__subcmd__certs__subcmd__check__subcmd__expiration"
                ;;
            kforge__subcmd__help__subcmd__certs,renew)
                cmd="kforge__subcmd__help__subcmd__certs__subcmd__renew"
                ;;
            kforge__subcmd__help__subcmd__config,print)
                cmd="kforge__subcmd__help__subcmd__config__subcmd__print"
                ;;
            kforge__subcmd__help__subcmd__config__subcmd__print,init-defaults)
                cmd="kforge__subcmd__help__subcmd__config__subcmd__print__subcmd__init__subcmd__defaults"
                ;;
            kforge__subcmd__help__subcmd__config__subcmd__print,inventory)
                cmd="kforge__subcmd__help__subcmd__config__subcmd__print__subcmd__inventory"
                ;;
            kforge__subcmd__help__subcmd__etcd,alarms)
                cmd="kforge__subcmd__help__subcmd__etcd__subcmd__alarms"
                ;;
            kforge__subcmd__help__subcmd__etcd,compact)
                cmd="kforge__subcmd__help__subcmd__etcd__subcmd__compact"
                ;;
            kforge__subcmd__help__subcmd__etcd,defrag)
                cmd="kforge__subcmd__help__subcmd__etcd__subcmd__defrag"
                ;;
            kforge__subcmd__help__subcmd__etcd,members)
                cmd="kforge__subcmd__help__subcmd__etcd__subcmd__members"
                ;;
            kforge__subcmd__help__subcmd__etcd,recover-space)
                cmd="kforge__subcmd__help__subcmd__etcd__subcmd__recover__subcmd__space"
                ;;
            kforge__subcmd__help__subcmd__etcd,status)
                cmd="kforge__subcmd__help__subcmd__etcd__subcmd__status"
                ;;
            kforge__subcmd__help__subcmd__etcd__subcmd__alarms,disarm)
                cmd="kforge__subcmd__help__subcmd__etcd__subcmd__alarms__subcmd__disarm"
                ;;
            kforge__subcmd__help__subcmd__etcd__subcmd__alarms,list)
                cmd="kforge__subcmd__help__subcmd__etcd__subcmd__alarms__subcmd__list"
                ;;
            kforge__subcmd__help__subcmd__etcd__subcmd__members,list)
                cmd="kforge__subcmd__help__subcmd__etcd__subcmd__members__subcmd__list"
                ;;
            kforge__subcmd__help__subcmd__etcd__subcmd__members,promote)
                cmd="kforge__subcmd__help__subcmd__etcd__subcmd__members__subcmd__promote"
                ;;
            kforge__subcmd__help__subcmd__etcd__subcmd__members,remove)
                cmd="kforge__subcmd__help__subcmd__etcd__subcmd__members__subcmd__remove"
                ;;
            kforge__subcmd__help__subcmd__init,phase)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,addon)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__addon"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,bootstrap-token)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__bootstrap__subcmd__token"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,certs)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,control-plane)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,etcd)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__etcd"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,kubeconfig)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,kubelet-finalize)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__finalize"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,kubelet-start)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__start"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,mark-control-plane)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__mark__subcmd__control__subcmd__plane"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,post-control-plane)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__post__subcmd__control__subcmd__plane"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,preflight)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__preflight"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,show-join-command)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__show__subcmd__join__subcmd__command"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,upload-config)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase,wait-control-plane)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__wait__subcmd__control__subcmd__plane"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__addon,coredns)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__addon__subcmd__coredns"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__addon,kube-proxy)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__addon__subcmd__kube__subcmd__proxy"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs,all)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__all"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs,apiserver)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__apiserver"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs,apiserver-etcd-client)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__apiserver__subcmd__etcd__subcmd__client"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs,apiserver-kubelet-client)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__apiserver__subcmd__kubelet__subcmd__client"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs,ca)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__ca"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs,etcd-ca)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__ca"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs,etcd-healthcheck-client)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__healthcheck__subcmd__client"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs,etcd-peer)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__peer"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs,etcd-server)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__server"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs,front-proxy-ca)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__front__subcmd__proxy__subcmd__ca"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs,front-proxy-client)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__front__subcmd__proxy__subcmd__client"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs,sa)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__sa"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane,all)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__all"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane,apiserver)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__apiserver"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane,controller-manager)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__controller__subcmd__manager"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane,scheduler)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__scheduler"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__etcd,local)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__etcd__subcmd__local"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig,admin)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__admin"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig,all)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__all"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig,controller-manager)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__controller__subcmd__manager"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig,kubelet)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__kubelet"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig,scheduler)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__scheduler"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig,super-admin)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__super__subcmd__admin"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__finalize,enable-client-cert-rotation)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__finalize__subcmd__enable__subcmd__client__subcmd__cert__subcmd__rotation"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config,kubeadm)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config__subcmd__kubeadm"
                ;;
            kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config,kubelet)
                cmd="kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config__subcmd__kubelet"
                ;;
            kforge__subcmd__help__subcmd__snapshot,drill)
                cmd="kforge__subcmd__help__subcmd__snapshot__subcmd__drill"
                ;;
            kforge__subcmd__help__subcmd__snapshot,list)
                cmd="kforge__subcmd__help__subcmd__snapshot__subcmd__list"
                ;;
            kforge__subcmd__help__subcmd__snapshot,prune)
                cmd="kforge__subcmd__help__subcmd__snapshot__subcmd__prune"
                ;;
            kforge__subcmd__help__subcmd__snapshot,restore)
                cmd="kforge__subcmd__help__subcmd__snapshot__subcmd__restore"
                ;;
            kforge__subcmd__help__subcmd__snapshot,save)
                cmd="kforge__subcmd__help__subcmd__snapshot__subcmd__save"
                ;;
            kforge__subcmd__help__subcmd__snapshot,status)
                cmd="kforge__subcmd__help__subcmd__snapshot__subcmd__status"
                ;;
            kforge__subcmd__help__subcmd__token,create)
                cmd="kforge__subcmd__help__subcmd__token__subcmd__create"
                ;;
            kforge__subcmd__help__subcmd__token,delete)
                cmd="kforge__subcmd__help__subcmd__token__subcmd__delete"
                ;;
            kforge__subcmd__help__subcmd__token,generate)
                cmd="kforge__subcmd__help__subcmd__token__subcmd__generate"
                ;;
            kforge__subcmd__help__subcmd__token,list)
                cmd="kforge__subcmd__help__subcmd__token__subcmd__list"
                ;;
            kforge__subcmd__help__subcmd__upgrade,apply)
                cmd="kforge__subcmd__help__subcmd__upgrade__subcmd__apply"
                ;;
            kforge__subcmd__help__subcmd__upgrade,plan)
                cmd="kforge__subcmd__help__subcmd__upgrade__subcmd__plan"
                ;;
            kforge__subcmd__init,help)
                cmd="kforge__subcmd__init__subcmd__help"
                ;;
            kforge__subcmd__init,phase)
                cmd="kforge__subcmd__init__subcmd__phase"
                ;;
            kforge__subcmd__init__subcmd__help,help)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__help"
                ;;
            kforge__subcmd__init__subcmd__help,phase)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,addon)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__addon"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,bootstrap-token)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__bootstrap__subcmd__token"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,certs)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,control-plane)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,etcd)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__etcd"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,kubeconfig)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,kubelet-finalize)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubelet__subcmd__finalize"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,kubelet-start)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubelet__subcmd__start"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,mark-control-plane)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__mark__subcmd__control__subcmd__plane"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,post-control-plane)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__post__subcmd__control__subcmd__plane"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,preflight)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__preflight"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,show-join-command)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__show__subcmd__join__subcmd__command"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,upload-config)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__upload__subcmd__config"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase,wait-control-plane)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__wait__subcmd__control__subcmd__plane"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__addon,coredns)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__addon__subcmd__coredns"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__addon,kube-proxy)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__addon__subcmd__kube__subcmd__proxy"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs,all)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__all"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs,apiserver)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__apiserver"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs,apiserver-etcd-client)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__apiserver__subcmd__etcd__subcmd__client"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs,apiserver-kubelet-client)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__apiserver__subcmd__kubelet__subcmd__client"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs,ca)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__ca"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs,etcd-ca)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__ca"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs,etcd-healthcheck-client)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__healthcheck__subcmd__client"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs,etcd-peer)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__peer"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs,etcd-server)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__server"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs,front-proxy-ca)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__front__subcmd__proxy__subcmd__ca"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs,front-proxy-client)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__front__subcmd__proxy__subcmd__client"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs,sa)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__sa"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane,all)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane__subcmd__all"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane,apiserver)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane__subcmd__apiserver"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane,controller-manager)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane__subcmd__controller__subcmd__manager"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane,scheduler)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane__subcmd__scheduler"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__etcd,local)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__etcd__subcmd__local"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig,admin)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig__subcmd__admin"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig,all)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig__subcmd__all"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig,controller-manager)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig__subcmd__controller__subcmd__manager"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig,kubelet)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig__subcmd__kubelet"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig,scheduler)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig__subcmd__scheduler"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig,super-admin)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig__subcmd__super__subcmd__admin"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubelet__subcmd__finalize,enable-client-cert-rotation)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubelet__subcmd__finalize__subcmd__enable__subcmd__client__subcmd__cert__subcmd__rotation"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__upload__subcmd__config,kubeadm)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__upload__subcmd__config__subcmd__kubeadm"
                ;;
            kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__upload__subcmd__config,kubelet)
                cmd="kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__upload__subcmd__config__subcmd__kubelet"
                ;;
            kforge__subcmd__init__subcmd__phase,addon)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__addon"
                ;;
            kforge__subcmd__init__subcmd__phase,bootstrap-token)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__bootstrap__subcmd__token"
                ;;
            kforge__subcmd__init__subcmd__phase,certs)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs"
                ;;
            kforge__subcmd__init__subcmd__phase,control-plane)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane"
                ;;
            kforge__subcmd__init__subcmd__phase,etcd)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__etcd"
                ;;
            kforge__subcmd__init__subcmd__phase,kubeconfig)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig"
                ;;
            kforge__subcmd__init__subcmd__phase,kubelet-finalize)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__finalize"
                ;;
            kforge__subcmd__init__subcmd__phase,kubelet-start)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__start"
                ;;
            kforge__subcmd__init__subcmd__phase,mark-control-plane)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__mark__subcmd__control__subcmd__plane"
                ;;
            kforge__subcmd__init__subcmd__phase,post-control-plane)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__post__subcmd__control__subcmd__plane"
                ;;
            kforge__subcmd__init__subcmd__phase,preflight)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__preflight"
                ;;
            kforge__subcmd__init__subcmd__phase,show-join-command)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__show__subcmd__join__subcmd__command"
                ;;
            kforge__subcmd__init__subcmd__phase,upload-config)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config"
                ;;
            kforge__subcmd__init__subcmd__phase,wait-control-plane)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__wait__subcmd__control__subcmd__plane"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__addon,coredns)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__addon__subcmd__coredns"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__addon,kube-proxy)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__addon__subcmd__kube__subcmd__proxy"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__certs,all)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__all"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__certs,apiserver)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__apiserver"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__certs,apiserver-etcd-client)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__apiserver__subcmd__etcd__subcmd__client"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__certs,apiserver-kubelet-client)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__apiserver__subcmd__kubelet__subcmd__client"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__certs,ca)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__ca"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__certs,etcd-ca)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__ca"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__certs,etcd-healthcheck-client)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__healthcheck__subcmd__client"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__certs,etcd-peer)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__peer"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__certs,etcd-server)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__server"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__certs,front-proxy-ca)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__front__subcmd__proxy__subcmd__ca"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__certs,front-proxy-client)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__front__subcmd__proxy__subcmd__client"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__certs,sa)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__sa"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane,all)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__all"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane,apiserver)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__apiserver"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane,controller-manager)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__controller__subcmd__manager"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane,scheduler)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__scheduler"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__etcd,local)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__etcd__subcmd__local"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig,admin)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__admin"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig,all)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__all"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig,controller-manager)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__controller__subcmd__manager"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig,kubelet)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__kubelet"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig,scheduler)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__scheduler"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig,super-admin)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__super__subcmd__admin"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__finalize,enable-client-cert-rotation)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__finalize__subcmd__enable__subcmd__client__subcmd__cert__subcmd__rotation"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config,kubeadm)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config__subcmd__kubeadm"
                ;;
            kforge__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config,kubelet)
                cmd="kforge__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config__subcmd__kubelet"
                ;;
            kforge__subcmd__snapshot,drill)
                cmd="kforge__subcmd__snapshot__subcmd__drill"
                ;;
            kforge__subcmd__snapshot,help)
                cmd="kforge__subcmd__snapshot__subcmd__help"
                ;;
            kforge__subcmd__snapshot,list)
                cmd="kforge__subcmd__snapshot__subcmd__list"
                ;;
            kforge__subcmd__snapshot,prune)
                cmd="kforge__subcmd__snapshot__subcmd__prune"
                ;;
            kforge__subcmd__snapshot,restore)
                cmd="kforge__subcmd__snapshot__subcmd__restore"
                ;;
            kforge__subcmd__snapshot,save)
                cmd="kforge__subcmd__snapshot__subcmd__save"
                ;;
            kforge__subcmd__snapshot,status)
                cmd="kforge__subcmd__snapshot__subcmd__status"
                ;;
            kforge__subcmd__snapshot__subcmd__help,drill)
                cmd="kforge__subcmd__snapshot__subcmd__help__subcmd__drill"
                ;;
            kforge__subcmd__snapshot__subcmd__help,help)
                cmd="kforge__subcmd__snapshot__subcmd__help__subcmd__help"
                ;;
            kforge__subcmd__snapshot__subcmd__help,list)
                cmd="kforge__subcmd__snapshot__subcmd__help__subcmd__list"
                ;;
            kforge__subcmd__snapshot__subcmd__help,prune)
                cmd="kforge__subcmd__snapshot__subcmd__help__subcmd__prune"
                ;;
            kforge__subcmd__snapshot__subcmd__help,restore)
                cmd="kforge__subcmd__snapshot__subcmd__help__subcmd__restore"
                ;;
            kforge__subcmd__snapshot__subcmd__help,save)
                cmd="kforge__subcmd__snapshot__subcmd__help__subcmd__save"
                ;;
            kforge__subcmd__snapshot__subcmd__help,status)
                cmd="kforge__subcmd__snapshot__subcmd__help__subcmd__status"
                ;;
            kforge__subcmd__token,create)
                cmd="kforge__subcmd__token__subcmd__create"
                ;;
            kforge__subcmd__token,delete)
                cmd="kforge__subcmd__token__subcmd__delete"
                ;;
            kforge__subcmd__token,generate)
                cmd="kforge__subcmd__token__subcmd__generate"
                ;;
            kforge__subcmd__token,help)
                cmd="kforge__subcmd__token__subcmd__help"
                ;;
            kforge__subcmd__token,list)
                cmd="kforge__subcmd__token__subcmd__list"
                ;;
            kforge__subcmd__token__subcmd__help,create)
                cmd="kforge__subcmd__token__subcmd__help__subcmd__create"
                ;;
            kforge__subcmd__token__subcmd__help,delete)
                cmd="kforge__subcmd__token__subcmd__help__subcmd__delete"
                ;;
            kforge__subcmd__token__subcmd__help,generate)
                cmd="kforge__subcmd__token__subcmd__help__subcmd__generate"
                ;;
            kforge__subcmd__token__subcmd__help,help)
                cmd="kforge__subcmd__token__subcmd__help__subcmd__help"
                ;;
            kforge__subcmd__token__subcmd__help,list)
                cmd="kforge__subcmd__token__subcmd__help__subcmd__list"
                ;;
            kforge__subcmd__upgrade,apply)
                cmd="kforge__subcmd__upgrade__subcmd__apply"
                ;;
            kforge__subcmd__upgrade,help)
                cmd="kforge__subcmd__upgrade__subcmd__help"
                ;;
            kforge__subcmd__upgrade,plan)
                cmd="kforge__subcmd__upgrade__subcmd__plan"
                ;;
            kforge__subcmd__upgrade__subcmd__help,apply)
                cmd="kforge__subcmd__upgrade__subcmd__help__subcmd__apply"
                ;;
            kforge__subcmd__upgrade__subcmd__help,help)
                cmd="kforge__subcmd__upgrade__subcmd__help__subcmd__help"
                ;;
            kforge__subcmd__upgrade__subcmd__help,plan)
                cmd="kforge__subcmd__upgrade__subcmd__help__subcmd__plan"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        kforge)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version join reset token config certs snapshot upgrade etcd version completion init health help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__certs)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version check-expiration renew help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__certs__subcmd__check__subcmd__expiration)
            opts="-o -v -q -h -V --cert-dir --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__certs__subcmd__help)
            opts="check-expiration renew help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__certs__subcmd__help__subcmd__check__subcmd__expiration)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__certs__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__certs__subcmd__help__subcmd__renew)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__certs__subcmd__renew)
            opts="-o -v -q -h -V --if-expiring-within --no-restart --cert-dir --root --output --verbose --quiet --help --version all apiserver apiserver-kubelet-client front-proxy-client etcd-server etcd-peer etcd-healthcheck-client apiserver-etcd-client admin.conf super-admin.conf controller-manager.conf scheduler.conf"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --if-expiring-within)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__completion)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version print help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config__subcmd__help)
            opts="print help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config__subcmd__help__subcmd__print)
            opts="init-defaults inventory"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config__subcmd__help__subcmd__print__subcmd__init__subcmd__defaults)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config__subcmd__help__subcmd__print__subcmd__inventory)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config__subcmd__print)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version init-defaults inventory help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config__subcmd__print__subcmd__help)
            opts="init-defaults inventory help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config__subcmd__print__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config__subcmd__print__subcmd__help__subcmd__init__subcmd__defaults)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config__subcmd__print__subcmd__help__subcmd__inventory)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config__subcmd__print__subcmd__init__subcmd__defaults)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__config__subcmd__print__subcmd__inventory)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version status members defrag compact alarms recover-space help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__alarms)
            opts="-o -v -q -h -V --endpoints --cacert --cert --key --dial-timeout --root --output --verbose --quiet --help --version list disarm help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --endpoints)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dial-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__alarms__subcmd__disarm)
            opts="-o -v -q -h -V --endpoints --cacert --cert --key --dial-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --endpoints)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dial-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__alarms__subcmd__help)
            opts="list disarm help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__alarms__subcmd__help__subcmd__disarm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__alarms__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__alarms__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__alarms__subcmd__list)
            opts="-o -v -q -h -V --endpoints --cacert --cert --key --dial-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --endpoints)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dial-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__compact)
            opts="-o -v -q -h -V --keep-revisions --timeout --endpoints --cacert --cert --key --dial-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --keep-revisions)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --endpoints)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dial-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__defrag)
            opts="-o -v -q -h -V --min-reclaim --move-leader --health-timeout --defrag-timeout --lock-file --metrics-file --endpoints --cacert --cert --key --dial-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --min-reclaim)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --defrag-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --metrics-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --endpoints)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dial-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help)
            opts="status members defrag compact alarms recover-space help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help__subcmd__alarms)
            opts="list disarm"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help__subcmd__alarms__subcmd__disarm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help__subcmd__alarms__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help__subcmd__compact)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help__subcmd__defrag)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help__subcmd__members)
            opts="list remove promote"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help__subcmd__members__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help__subcmd__members__subcmd__promote)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help__subcmd__members__subcmd__remove)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help__subcmd__recover__subcmd__space)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__help__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__members)
            opts="-o -v -q -h -V --endpoints --cacert --cert --key --dial-timeout --root --output --verbose --quiet --help --version list remove promote help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --endpoints)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dial-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__members__subcmd__help)
            opts="list remove promote help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__members__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__members__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__members__subcmd__help__subcmd__promote)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__members__subcmd__help__subcmd__remove)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__members__subcmd__list)
            opts="-o -v -q -h -V --endpoints --cacert --cert --key --dial-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --endpoints)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dial-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__members__subcmd__promote)
            opts="-o -v -q -h -V --endpoints --cacert --cert --key --dial-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --endpoints)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dial-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__members__subcmd__remove)
            opts="-o -v -q -h -V --force --endpoints --cacert --cert --key --dial-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --endpoints)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dial-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__recover__subcmd__space)
            opts="-o -v -q -h -V --snapshot-dir --no-snapshot --move-leader --health-timeout --defrag-timeout --lock-file --endpoints --cacert --cert --key --dial-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --snapshot-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --defrag-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --lock-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --endpoints)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dial-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__etcd__subcmd__status)
            opts="-o -v -q -h -V --endpoints --cacert --cert --key --dial-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --endpoints)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dial-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__health)
            opts="-o -v -q -h -V --only --wait --timeout --warn-expiry --cert-dir --output --root --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --only)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wait)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --warn-expiry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml junit" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml junit" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help)
            opts="join reset token config certs snapshot upgrade etcd version completion init health help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__certs)
            opts="check-expiration renew"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__certs__subcmd__check__subcmd__expiration)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__certs__subcmd__renew)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__completion)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__config)
            opts="print"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__config__subcmd__print)
            opts="init-defaults inventory"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__config__subcmd__print__subcmd__init__subcmd__defaults)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__config__subcmd__print__subcmd__inventory)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__etcd)
            opts="status members defrag compact alarms recover-space"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__etcd__subcmd__alarms)
            opts="list disarm"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__etcd__subcmd__alarms__subcmd__disarm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__etcd__subcmd__alarms__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__etcd__subcmd__compact)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__etcd__subcmd__defrag)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__etcd__subcmd__members)
            opts="list remove promote"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__etcd__subcmd__members__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__etcd__subcmd__members__subcmd__promote)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__etcd__subcmd__members__subcmd__remove)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__etcd__subcmd__recover__subcmd__space)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__etcd__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__health)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init)
            opts="phase"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase)
            opts="preflight certs kubeconfig etcd control-plane kubelet-start wait-control-plane upload-config mark-control-plane bootstrap-token kubelet-finalize addon show-join-command post-control-plane"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__addon)
            opts="coredns kube-proxy"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__addon__subcmd__coredns)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__addon__subcmd__kube__subcmd__proxy)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__bootstrap__subcmd__token)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs)
            opts="ca apiserver apiserver-kubelet-client front-proxy-ca front-proxy-client etcd-ca etcd-server etcd-peer etcd-healthcheck-client apiserver-etcd-client sa all"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__all)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__apiserver)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__apiserver__subcmd__etcd__subcmd__client)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__apiserver__subcmd__kubelet__subcmd__client)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__ca)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__ca)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__healthcheck__subcmd__client)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__peer)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__server)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__front__subcmd__proxy__subcmd__ca)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__front__subcmd__proxy__subcmd__client)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__certs__subcmd__sa)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane)
            opts="apiserver controller-manager scheduler all"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__all)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__apiserver)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__controller__subcmd__manager)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__scheduler)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__etcd)
            opts="local"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__etcd__subcmd__local)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig)
            opts="admin super-admin kubelet controller-manager scheduler all"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__admin)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__all)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__controller__subcmd__manager)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__kubelet)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__scheduler)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__super__subcmd__admin)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__finalize)
            opts="enable-client-cert-rotation"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__finalize__subcmd__enable__subcmd__client__subcmd__cert__subcmd__rotation)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__mark__subcmd__control__subcmd__plane)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__post__subcmd__control__subcmd__plane)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__preflight)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__show__subcmd__join__subcmd__command)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config)
            opts="kubeadm kubelet"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config__subcmd__kubeadm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config__subcmd__kubelet)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__init__subcmd__phase__subcmd__wait__subcmd__control__subcmd__plane)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__join)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__reset)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__snapshot)
            opts="save status list prune restore drill"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__snapshot__subcmd__drill)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__snapshot__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__snapshot__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__snapshot__subcmd__restore)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__snapshot__subcmd__save)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__snapshot__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__token)
            opts="create list delete generate"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__token__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__token__subcmd__delete)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__token__subcmd__generate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__token__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__upgrade)
            opts="plan apply"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__upgrade__subcmd__apply)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__upgrade__subcmd__plan)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__help__subcmd__version)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version phase help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help)
            opts="phase help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase)
            opts="preflight certs kubeconfig etcd control-plane kubelet-start wait-control-plane upload-config mark-control-plane bootstrap-token kubelet-finalize addon show-join-command post-control-plane"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__addon)
            opts="coredns kube-proxy"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__addon__subcmd__coredns)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__addon__subcmd__kube__subcmd__proxy)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__bootstrap__subcmd__token)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs)
            opts="ca apiserver apiserver-kubelet-client front-proxy-ca front-proxy-client etcd-ca etcd-server etcd-peer etcd-healthcheck-client apiserver-etcd-client sa all"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__all)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__apiserver)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__apiserver__subcmd__etcd__subcmd__client)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__apiserver__subcmd__kubelet__subcmd__client)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__ca)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__ca)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__healthcheck__subcmd__client)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__peer)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__server)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__front__subcmd__proxy__subcmd__ca)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__front__subcmd__proxy__subcmd__client)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__certs__subcmd__sa)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane)
            opts="apiserver controller-manager scheduler all"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane__subcmd__all)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane__subcmd__apiserver)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane__subcmd__controller__subcmd__manager)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__control__subcmd__plane__subcmd__scheduler)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__etcd)
            opts="local"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__etcd__subcmd__local)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig)
            opts="admin super-admin kubelet controller-manager scheduler all"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig__subcmd__admin)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig__subcmd__all)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig__subcmd__controller__subcmd__manager)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig__subcmd__kubelet)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig__subcmd__scheduler)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubeconfig__subcmd__super__subcmd__admin)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubelet__subcmd__finalize)
            opts="enable-client-cert-rotation"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubelet__subcmd__finalize__subcmd__enable__subcmd__client__subcmd__cert__subcmd__rotation)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__kubelet__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__mark__subcmd__control__subcmd__plane)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__post__subcmd__control__subcmd__plane)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__preflight)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__show__subcmd__join__subcmd__command)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__upload__subcmd__config)
            opts="kubeadm kubelet"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__upload__subcmd__config__subcmd__kubeadm)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__upload__subcmd__config__subcmd__kubelet)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 6 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__help__subcmd__phase__subcmd__wait__subcmd__control__subcmd__plane)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version preflight certs kubeconfig etcd control-plane kubelet-start wait-control-plane upload-config mark-control-plane bootstrap-token kubelet-finalize addon show-join-command post-control-plane"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__addon)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version coredns kube-proxy"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__addon__subcmd__coredns)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__addon__subcmd__kube__subcmd__proxy)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__bootstrap__subcmd__token)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version ca apiserver apiserver-kubelet-client front-proxy-ca front-proxy-client etcd-ca etcd-server etcd-peer etcd-healthcheck-client apiserver-etcd-client sa all"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__all)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__apiserver)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__apiserver__subcmd__etcd__subcmd__client)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__apiserver__subcmd__kubelet__subcmd__client)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__ca)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__ca)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__healthcheck__subcmd__client)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__peer)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__etcd__subcmd__server)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__front__subcmd__proxy__subcmd__ca)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__front__subcmd__proxy__subcmd__client)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__certs__subcmd__sa)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version apiserver controller-manager scheduler all"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__all)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__apiserver)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__controller__subcmd__manager)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__control__subcmd__plane__subcmd__scheduler)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__etcd)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version local"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__etcd__subcmd__local)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version admin super-admin kubelet controller-manager scheduler all"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__admin)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__all)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__controller__subcmd__manager)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__kubelet)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__scheduler)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig__subcmd__super__subcmd__admin)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__finalize)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version enable-client-cert-rotation"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__finalize__subcmd__enable__subcmd__client__subcmd__cert__subcmd__rotation)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__kubelet__subcmd__start)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__mark__subcmd__control__subcmd__plane)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__post__subcmd__control__subcmd__plane)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__preflight)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__show__subcmd__join__subcmd__command)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version kubeadm kubelet"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config__subcmd__kubeadm)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__upload__subcmd__config__subcmd__kubelet)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__init__subcmd__phase__subcmd__wait__subcmd__control__subcmd__plane)
            opts="-o -v -q -h -V --config --kubernetes-version --control-plane-endpoint --apiserver-advertise-address --apiserver-bind-port --apiserver-cert-extra-sans --pod-network-cidr --service-cidr --service-dns-domain --node-name --cert-dir --image-repository --cri-socket --token --encryption-algorithm --ignore-preflight-errors --skip-phases --dry-run --force --control-plane-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubernetes-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --control-plane-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-advertise-address)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-bind-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --apiserver-cert-extra-sans)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-network-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-cidr)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --service-dns-domain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-repository)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encryption-algorithm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -W "all IsPrivilegedUser NumCPU Mem Swap CRI KubeletVersion Port-6443 Port-10259 Port-10257 Port-10250 Port-2379 Port-2380 Port-10250 FileAvailable--etc-kubernetes-manifests-etcd.yaml FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml DirAvailable--var-lib-etcd DirWritable--etc-kubernetes FreeSpace--etc-kubernetes DirWritable--var-lib-kubelet FreeSpace--var-lib-kubelet DirWritable--var-lib-etcd FreeSpace--var-lib-etcd FileContent--proc-sys-net-ipv4-ip_forward FileExisting-mount FileExisting-nsenter" -- "${cur}"))
                    return 0
                    ;;
                --skip-phases)
                    COMPREPLY=($(compgen -W "preflight certs certs/ca certs/apiserver certs/apiserver-kubelet-client certs/front-proxy-ca certs/front-proxy-client certs/etcd-ca certs/etcd-server certs/etcd-peer certs/etcd-healthcheck-client certs/apiserver-etcd-client certs/sa kubeconfig kubeconfig/admin kubeconfig/super-admin kubeconfig/kubelet kubeconfig/controller-manager kubeconfig/scheduler etcd etcd/local control-plane control-plane/apiserver control-plane/controller-manager control-plane/scheduler kubelet-start wait-control-plane upload-config upload-config/kubeadm upload-config/kubelet mark-control-plane bootstrap-token kubelet-finalize kubelet-finalize/enable-client-cert-rotation addon addon/coredns addon/kube-proxy show-join-command" -- "${cur}"))
                    return 0
                    ;;
                --control-plane-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__join)
            opts="-o -v -q -h -V --inventory --ssh-user --ssh-key --ssh-key-passphrase-file --ssh-port --known-hosts --accept-new-host-keys --ssh-sudo --ssh-timeout --control-plane --cri-socket --concurrency --ignore-preflight-errors --tls-bootstrap --dry-run --force --no-update --etcd-promote-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --inventory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key-passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --known-hosts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cri-socket)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --concurrency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --etcd-promote-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__reset)
            opts="-f -y -o -v -q -h -V --inventory --ssh-user --ssh-key --ssh-key-passphrase-file --ssh-port --known-hosts --accept-new-host-keys --ssh-sudo --ssh-timeout --force --yes --dry-run --no-backup --backup-dir --allow-quorum-loss --ignore-ledger --cleanup-tmp-dir --etcd-timeout --stop-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --inventory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key-passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --known-hosts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backup-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --etcd-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version save status list prune restore drill help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__drill)
            opts="-o -v -q -h -V --identity --etcd-binary --metrics-file --work-dir --name --cluster-id --verify-key --s3-endpoint --s3-region --s3-ca-file --s3-insecure-skip-verify --s3-credentials-file --s3-profile --s3-retries --s3-sse --s3-sse-kms-key-id --ssh-key --known-hosts --accept-new-host-keys --node-name --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --etcd-binary)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --metrics-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --work-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cluster-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --verify-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-ca-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-credentials-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-sse)
                    COMPREPLY=($(compgen -W "AES256 aws:kms" -- "${cur}"))
                    return 0
                    ;;
                --s3-sse-kms-key-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --known-hosts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__help)
            opts="save status list prune restore drill help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__help__subcmd__drill)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__help__subcmd__prune)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__help__subcmd__restore)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__help__subcmd__save)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__help__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__list)
            opts="-o -v -q -h -V --dir --name --no-verify --verify --identity --work-dir --cluster-id --verify-key --s3-endpoint --s3-region --s3-ca-file --s3-insecure-skip-verify --s3-credentials-file --s3-profile --s3-retries --s3-sse --s3-sse-kms-key-id --ssh-key --known-hosts --accept-new-host-keys --node-name --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --work-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cluster-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --verify-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-ca-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-credentials-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-sse)
                    COMPREPLY=($(compgen -W "AES256 aws:kms" -- "${cur}"))
                    return 0
                    ;;
                --s3-sse-kms-key-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --known-hosts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__prune)
            opts="-o -v -q -h -V --dir --name --keep --keep-within --dry-run --metrics-file --cluster-id --verify-key --s3-endpoint --s3-region --s3-ca-file --s3-insecure-skip-verify --s3-credentials-file --s3-profile --s3-retries --s3-sse --s3-sse-kms-key-id --ssh-key --known-hosts --accept-new-host-keys --node-name --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --keep)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --keep-within)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --metrics-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cluster-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --verify-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-ca-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-credentials-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-sse)
                    COMPREPLY=($(compgen -W "AES256 aws:kms" -- "${cur}"))
                    return 0
                    ;;
                --s3-sse-kms-key-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --known-hosts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__restore)
            opts="-o -v -q -h -V --identity --data-dir --wal-dir --name --initial-cluster --initial-cluster-token --initial-advertise-peer-urls --skip-hash-check --bump-revision --mark-compacted --apply --stop-timeout --prefix --cluster-id --verify-key --s3-endpoint --s3-region --s3-ca-file --s3-insecure-skip-verify --s3-credentials-file --s3-profile --s3-retries --s3-sse --s3-sse-kms-key-id --ssh-key --known-hosts --accept-new-host-keys --node-name --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wal-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --initial-cluster)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --initial-cluster-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --initial-advertise-peer-urls)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bump-revision)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prefix)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cluster-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --verify-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-ca-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-credentials-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-sse)
                    COMPREPLY=($(compgen -W "AES256 aws:kms" -- "${cur}"))
                    return 0
                    ;;
                --s3-sse-kms-key-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --known-hosts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__save)
            opts="-o -v -q -h -V --dir --name --keep --keep-within --force --metrics-file --timeout --upload --no-local-copy --encrypt-to --recipients-file --sign-key --s3-endpoint --s3-region --s3-ca-file --s3-insecure-skip-verify --s3-credentials-file --s3-profile --s3-retries --s3-sse --s3-sse-kms-key-id --ssh-key --known-hosts --accept-new-host-keys --node-name --endpoints --cacert --cert --key --dial-timeout --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --keep)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --keep-within)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --metrics-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --upload)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --encrypt-to)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --recipients-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sign-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-ca-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-credentials-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-sse)
                    COMPREPLY=($(compgen -W "AES256 aws:kms" -- "${cur}"))
                    return 0
                    ;;
                --s3-sse-kms-key-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --known-hosts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --endpoints)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cacert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dial-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__snapshot__subcmd__status)
            opts="-o -v -q -h -V --identity --s3-endpoint --s3-region --s3-ca-file --s3-insecure-skip-verify --s3-credentials-file --s3-profile --s3-retries --s3-sse --s3-sse-kms-key-id --ssh-key --known-hosts --accept-new-host-keys --node-name --no-verify --verify --name --cluster-id --verify-key --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --identity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-endpoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-region)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-ca-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-credentials-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --s3-sse)
                    COMPREPLY=($(compgen -W "AES256 aws:kms" -- "${cur}"))
                    return 0
                    ;;
                --s3-sse-kms-key-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --known-hosts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cluster-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --verify-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__token)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version create list delete generate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__token__subcmd__create)
            opts="-o -v -q -h -V --kubeconfig --ttl --usages --groups --description --print-join-command --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --kubeconfig)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --usages)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --groups)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --description)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__token__subcmd__delete)
            opts="-o -v -q -h -V --kubeconfig --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --kubeconfig)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__token__subcmd__generate)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__token__subcmd__help)
            opts="create list delete generate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__token__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__token__subcmd__help__subcmd__delete)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__token__subcmd__help__subcmd__generate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__token__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__token__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__token__subcmd__list)
            opts="-o -v -q -h -V --kubeconfig --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --kubeconfig)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__upgrade)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version plan apply help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__upgrade__subcmd__apply)
            opts="-y -o -v -q -h -V --inventory --ssh-user --ssh-key --ssh-key-passphrase-file --ssh-port --known-hosts --accept-new-host-keys --ssh-sudo --ssh-timeout --control-plane --etcd-image-tag --skip-workers --prefer-mine --prefer-new --yes --dry-run --component-timeout --certificate-renewal --kubelet-upgrade-command --kubelet-binary --max-unavailable --keep-backups --ignore-preflight-errors --no-leader-move --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --inventory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key-passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --known-hosts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --etcd-image-tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --component-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --certificate-renewal)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --kubelet-upgrade-command)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kubelet-binary)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-unavailable)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --keep-backups)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ignore-preflight-errors)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__upgrade__subcmd__help)
            opts="plan apply help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__upgrade__subcmd__help__subcmd__apply)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__upgrade__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__upgrade__subcmd__help__subcmd__plan)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__upgrade__subcmd__plan)
            opts="-o -v -q -h -V --inventory --ssh-user --ssh-key --ssh-key-passphrase-file --ssh-port --known-hosts --accept-new-host-keys --ssh-sudo --ssh-timeout --control-plane --etcd-image-tag --skip-workers --prefer-mine --prefer-new --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --inventory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-key-passphrase-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --known-hosts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ssh-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --etcd-image-tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        kforge__subcmd__version)
            opts="-o -v -q -h -V --root --output --verbose --quiet --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json yaml" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _kforge -o nosort -o bashdefault -o default kforge
else
    complete -F _kforge -o bashdefault -o default kforge
fi
